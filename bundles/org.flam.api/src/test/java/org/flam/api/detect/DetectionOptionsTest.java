package org.flam.api.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flam.api.detect.DetectionOptions.Calibration;
import org.junit.jupiter.api.Test;

class DetectionOptionsTest {

    @Test
    void defaultsAreTheSpecs() {
        DetectionOptions d = DetectionOptions.DEFAULTS;
        assertEquals(0.5, d.threshold(), 0.0);
        assertEquals(3, d.medianFilterFrames());
        assertEquals(0.0, d.minEventSeconds(), 0.0);
        assertEquals(0.0, d.maxGapSeconds(), 0.0);
        assertEquals(Calibration.UNBIASED, d.calibration());
    }

    @Test
    void withersChangeOneField() {
        DetectionOptions d = DetectionOptions.DEFAULTS.withThreshold(0.3).withMedianFilterFrames(5)
                .withMinEventSeconds(0.2).withMaxGapSeconds(0.1)
                .withCalibration(Calibration.APPROXIMATE);
        assertEquals(new DetectionOptions(0.3, 5, 0.2, 0.1, Calibration.APPROXIMATE), d);
    }

    @Test
    void rejectsOutOfRangeValuesNamingThem() {
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> DetectionOptions.DEFAULTS.withThreshold(1.5));
        assertTrue(t.getMessage().contains("threshold"), t.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DetectionOptions.DEFAULTS.withThreshold(Double.NaN));
        IllegalArgumentException even = assertThrows(IllegalArgumentException.class,
                () -> DetectionOptions.DEFAULTS.withMedianFilterFrames(4));
        assertTrue(even.getMessage().contains("medianFilterFrames"), even.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DetectionOptions.DEFAULTS.withMedianFilterFrames(0));
        assertThrows(IllegalArgumentException.class,
                () -> DetectionOptions.DEFAULTS.withMinEventSeconds(-0.1));
        assertThrows(IllegalArgumentException.class,
                () -> DetectionOptions.DEFAULTS.withMaxGapSeconds(Double.POSITIVE_INFINITY));
        assertThrows(NullPointerException.class,
                () -> DetectionOptions.DEFAULTS.withCalibration(null));
        assertEquals(1, DetectionOptions.DEFAULTS.withMedianFilterFrames(1).medianFilterFrames());
        assertEquals(1001, DetectionOptions.DEFAULTS.withMedianFilterFrames(1001).medianFilterFrames());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> DetectionOptions.DEFAULTS.withMedianFilterFrames(1_000_001));
        assertTrue(huge.getMessage().contains("[1, 1001]"), huge.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DetectionOptions.DEFAULTS.withMedianFilterFrames(Integer.MAX_VALUE));
    }
}
