package org.flam.detect.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.flam.api.FrameGrid;
import org.flam.api.SoundEvent;
import org.flam.api.detect.DetectionOptions;
import org.junit.jupiter.api.Test;

class WindowsAndEventsTest {

    @Test
    void windowsCoverTheRecordingAndStitchFromTheMostCentralWindow() {
        // 10 s clips of 32 frames (5000 samples each at 16 kHz), 25 s of audio: 80 frames.
        Windows w = new Windows(400_000, 160_000, 32, 16);
        assertEquals(80, w.frames());
        assertEquals(4, w.count(), "windows at 0, 5, 10, 15 s; the last reaches frame 79");
        assertEquals(240_000, w.start(3));
        int[][] src = w.sources();
        assertArrayEquals(new int[] {0, 0}, src[0], "the first frames only have window 0");
        assertArrayEquals(new int[] {0, 15}, src[15], "frame 15 is at 15.5 from window 0's centre's left: tie to the earlier");
        assertArrayEquals(new int[] {1, 8}, src[24], "frame 24: window 1 (index 8) beats window 0 (index 24)");
        assertArrayEquals(new int[] {3, 31}, src[79]);
        for (int j = 0; j < src.length; j++) {
            assertEquals(j, src[j][0] * 16 + src[j][1], "frame " + j + " maps back to itself");
        }
        Windows short1 = new Windows(50_000, 160_000, 32, 16);
        assertEquals(1, short1.count());
        assertEquals(10, short1.frames(), "3.125 s of audio: ceil(50000 / 5000) frames");
    }

    @Test
    void eventsAreRunsAboveTheThresholdWithGapMergingAndMinimumDuration() {
        FrameGrid grid = new FrameGrid(4.0, 12); // 0.25 s frames
        float[] p = {0.1f, 0.6f, 0.7f, 0.2f, 0.5f, 0.9f, 0.1f, 0.1f, 0.1f, 0.8f, 0.1f, 0.95f};
        assertEquals(List.of(new SoundEvent("f", 0.25, 0.75, "q"), new SoundEvent("f", 1.0, 1.5, "q"),
                new SoundEvent("f", 2.25, 2.5, "q"), new SoundEvent("f", 2.75, 2.9, "q")),
                Events.of("f", "q", p, grid, 2.9, 0.5, 0, 0), ">= threshold is active; the last clipped to 2.9 s");
        assertEquals(List.of(new SoundEvent("f", 0.25, 1.5, "q"), new SoundEvent("f", 2.25, 2.9, "q")),
                Events.of("f", "q", p, grid, 2.9, 0.5, 0, 0.25), "gaps of one frame merge");
        assertEquals(List.of(new SoundEvent("f", 0.25, 0.75, "q"), new SoundEvent("f", 1.0, 1.5, "q")),
                Events.of("f", "q", p, grid, 2.9, 0.5, 0.5, 0), "events under 0.5 s dropped");
    }

    @Test
    void calibratedOutputsReproduceTheReferenceCase() {
        // The model issue's reference case (from the authors' public code): clip 0, text 0,
        // α = 10, β = -8, embeddings normalize(cos(0.3a + 0.7t + d)) and
        // normalize(sin(1.1c + 0.5d + 0.2)) with D = 3.
        double[] unbiased = {0.7577465009287413, 0.00351889624313789, 7.449055821095364e-05, 0.00014475062697214537};
        double[] approximate = {0.7578775596621984, 0.0035177244830918416, 7.446558151290171e-05,
            0.00014470209887880494};
        double[] e = new double[3];
        for (int d = 0; d < 3; d++) {
            e[d] = Math.sin(0.5 * d + 0.2);
        }
        normalize(e);
        for (int t = 0; t < 4; t++) {
            double[] a = new double[3];
            for (int d = 0; d < 3; d++) {
                a[d] = Math.cos(0.7 * t + d);
            }
            normalize(a);
            double cos = a[0] * e[0] + a[1] * e[1] + a[2] * e[2];
            assertEquals(unbiased[t], FlamDetector.calibrated(10 * cos, -8, DetectionOptions.Calibration.UNBIASED), 1e-12);
            assertEquals(approximate[t], FlamDetector.calibrated(10 * cos, -8, DetectionOptions.Calibration.APPROXIMATE),
                    1e-12);
        }
    }

    private static void normalize(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        for (int i = 0; i < v.length; i++) {
            v[i] /= n;
        }
    }
}
