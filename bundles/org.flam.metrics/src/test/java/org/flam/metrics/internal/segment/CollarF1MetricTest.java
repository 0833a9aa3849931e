package org.flam.metrics.internal.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.MetricResult.Curve;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.junit.jupiter.api.Test;

class CollarF1MetricTest {

    private static final Metric F1 = new CollarF1Metric(Defaults.of(CollarF1MetricConfiguration.class));

    /** 2 s at 10 fps; label a: 0.9 on frames 2-8, 0.7 on 15-17; label b: 0.6 on frames 1-7. */
    private static Map<String, FrameScores> scores() {
        float[][] columns = new float[2][20];
        for (int f = 2; f <= 8; f++) {
            columns[0][f] = 0.9f;
        }
        for (int f = 15; f <= 17; f++) {
            columns[0][f] = 0.7f;
        }
        for (int f = 1; f <= 7; f++) {
            columns[1][f] = 0.6f;
        }
        return Map.of("f", FrameScores.ofColumns(new FrameGrid(10, 20), List.of("a", "b"), columns));
    }

    private static final Map<String, List<SoundEvent>> TRUTH = Map.of("f", List.of(
            new SoundEvent(0.2, 0.8, "a"), new SoundEvent(1.2, 1.5, "a"), new SoundEvent(0.3, 0.6, "b")));

    private static MetricResult at(double threshold) {
        return F1.evaluateScores(scores(), TRUTH, Map.of(), Map.of(Metric.THRESHOLD, threshold));
    }

    @Test
    void f1AtTheDefaultThresholdByHand() {
        MetricResult r = F1.evaluateScores(scores(), TRUTH, Map.of(), Map.of());
        // a: [0.2, 0.9] matches [0.2, 0.8] (offset off by 0.1 <= 0.2); [1.5, 1.8] does not match
        // [1.2, 1.5] (onset off by 0.3 > 0.2): tp 1, fp 1, 2 events: P = R = F1 = 1/2
        assertEquals(0.5, r.value("f1-collar/a").orElseThrow(), 1e-15);
        // b: [0.1, 0.8] against [0.3, 0.6]: both deviations are exactly the 0.2 s collar (after rounding)
        assertEquals(1, r.value("f1-collar/b").orElseThrow(), 1e-15);
        assertEquals(0.75, r.headline().orElseThrow(), 1e-15);
        assertEquals(0.75, r.value("f1-collar_precision").orElseThrow(), 1e-15);
        assertEquals(0.75, r.value("f1-collar_recall").orElseThrow(), 1e-15);
        // micro: tp 2, fp 1, 3 events: P = R = 2/3
        assertEquals(2.0 / 3, r.value("f1-collar_micro").orElseThrow(), 1e-15);
    }

    @Test
    void detectionNeedsAScoreStrictlyAboveTheThreshold() {
        // at 0.7 the 0.7 frames are not detected: a has tp 1, fp 0: P 1, R 1/2, F1 2/3
        assertEquals(2.0 / 3, at(0.7).value("f1-collar/a").orElseThrow(), 1e-15);
        // at 0.9 nothing of a is detected: P 1 (nothing detected), R 0, F1 0
        assertEquals(0, at(0.9).value("f1-collar/a").orElseThrow(), 0);
        assertEquals(1, at(0.9).value("f1-collar_precision").orElseThrow(), 1e-15);
    }

    @Test
    void f1AgainstThreshold() {
        Curve a = at(0.5).curves().get("f1-collar/a");
        assertEquals("threshold", a.xAxis());
        // at >= 0: the whole file is one event [0, 2], matching neither: F1 0;
        // >= 0.7: 1/2; >= 0.9: 2/3; above every score: 0
        assertArrayEquals(new double[] {0, 0.7f, 0.9f, Double.POSITIVE_INFINITY}, a.x());
        assertArrayEquals(new double[] {0, 0.5, 2.0 / 3, 0}, a.y(), 1e-15);
    }

    @Test
    void offsetCollarGrowsWithTheEventLength() {
        // b detected as [0.1, 0.8] against [0.3, 0.6]; with a 0.1 s offset collar the 0.2 s
        // offset error fails, unless the rate allows 2/3 of the 0.3 s event
        Map<String, Double> narrow = Map.of(CollarMatching.OFFSET_COLLAR, 0.1, CollarMatching.OFFSET_COLLAR_RATE, 0.0);
        assertEquals(0, F1.evaluateScores(scores(), TRUTH, Map.of(), narrow).value("f1-collar/b").orElseThrow(), 0);
        Map<String, Double> rate = Map.of(CollarMatching.OFFSET_COLLAR, 0.1, CollarMatching.OFFSET_COLLAR_RATE, 2.0 / 3);
        assertEquals(1, F1.evaluateScores(scores(), TRUTH, Map.of(), rate).value("f1-collar/b").orElseThrow(), 0);
    }

    @Test
    void filesWithoutEventsOnlyAddFalsePositivesAndLabelsWithoutEventsAreUndefined() {
        Map<String, FrameScores> scores = new java.util.HashMap<>(scores());
        scores.put("quiet", FrameScores.ofColumns(new FrameGrid(10, 5), List.of("a", "c"),
                new float[][] {{0, 0.8f, 0.8f, 0, 0}, {0.9f, 0, 0, 0, 0}}));
        MetricResult r = F1.evaluateScores(scores, TRUTH, Map.of(), Map.of());
        // a: tp 1, fp 2, 2 events: P 1/3, R 1/2, F1 2/5
        assertEquals(0.4, r.value("f1-collar/a").orElseThrow(), 1e-15);
        assertTrue(Double.isNaN(r.value("f1-collar/c").orElseThrow()));
        assertEquals(1, r.value("f1-collar_undefined_labels").orElseThrow(), 0);
        assertEquals((0.4 + 1) / 2, r.headline().orElseThrow(), 1e-15);
    }

    @Test
    void defaultsAndParameterChecks() {
        assertEquals("f1-collar", F1.name());
        assertThrows(IllegalArgumentException.class,
                () -> F1.evaluateScores(scores(), TRUTH, Map.of(), Map.of(Metric.SEGMENT_SECONDS, 1.0)));
        assertThrows(IllegalArgumentException.class,
                () -> F1.evaluateScores(scores(), TRUTH, Map.of(), Map.of(CollarMatching.ONSET_COLLAR, -0.1)));
        assertThrows(IllegalArgumentException.class,
                () -> F1.evaluateScores(scores(), TRUTH, Map.of(), Map.of(Metric.THRESHOLD, Double.POSITIVE_INFINITY)));
    }
}
