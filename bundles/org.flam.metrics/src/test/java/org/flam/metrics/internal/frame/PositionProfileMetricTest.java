package org.flam.metrics.internal.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.junit.jupiter.api.Test;

class PositionProfileMetricTest {

    private static final PositionProfileMetric METRIC = new PositionProfileMetric(PositionProfileMetric.NAME);

    private static FrameScores table(List<String> labels, float[]... columns) {
        return FrameScores.ofColumns(new FrameGrid(1, columns[0].length), labels, columns);
    }

    private static double v(MetricResult r, String name) {
        return r.value(name).orElseThrow(() -> new AssertionError(name + " missing: " + r.values()));
    }

    @Test
    void theMiddleHalf() {
        assertEquals(8, PositionProfileMetric.midStart(32));
        assertEquals(24, PositionProfileMetric.midEnd(32));
        assertEquals(3, PositionProfileMetric.midStart(13));
        assertEquals(10, PositionProfileMetric.midEnd(13));
        assertEquals(2, PositionProfileMetric.midStart(8));
        assertEquals(6, PositionProfileMetric.midEnd(8));
    }

    @Test
    void profileEdgesAndRatiosByHand() {
        Map<String, FrameScores> scores = new TreeMap<>();
        Map<String, List<SoundEvent>> truth = new TreeMap<>();
        // 8 frames, middle half = frames 2..5
        scores.put("c1", table(List.of("x", "y"), new float[] {0.2f, 0.4f, 0.8f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f},
                new float[] {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.9f, 0.6f, 0.3f}));
        truth.put("c1", List.of(new SoundEvent(0, 3, "x"), new SoundEvent(5, 8, "y")));
        // y scores high but has no event here: not positive; z has an event but is no column
        scores.put("c2", table(List.of("x", "y"), new float[] {0, 0, 0.7f, 0.8f, 0.9f, 1.0f, 0, 0},
                new float[] {1, 1, 1, 1, 1, 1, 1, 1}));
        truth.put("c2", List.of(new SoundEvent(2, 6, "x"), new SoundEvent(0, 8, "z")));
        MetricResult r = METRIC.evaluateScores(scores, truth, Map.of(), Map.of());
        // positives: c1 x f0-2 (.2 .4 .8), c1 y f5-7 (.9 .6 .3), c2 x f2-5 (.7 .8 .9 1)
        double[] profile = {0.2, 0.4, (0.8 + 0.7) / 2, 0.8, 0.9, (0.9 + 1.0) / 2, 0.6, 0.3};
        for (int f = 0; f < 8; f++) {
            assertEquals(profile[f], v(r, "position-profile_frame_" + f), 1e-7, "frame " + f);
        }
        assertEquals(8, v(r, "position-profile_frames"));
        assertEquals(10, v(r, "position-profile_count"));
        assertEquals(6.6 / 10, v(r, "position-profile"), 1e-7);
        assertEquals(0.3, v(r, "position-profile_first2"), 1e-7);
        assertEquals(0.45, v(r, "position-profile_last2"), 1e-7);
        // mid: c1 f2 (.8), f5 (.9); c2 f2-5 (.7 .8 .9 1): 5.1 / 6
        assertEquals(0.85, v(r, "position-profile_mid"), 1e-7);
        assertEquals(2, v(r, "position-profile_first2_count"));
        assertEquals(2, v(r, "position-profile_last2_count"));
        assertEquals(6, v(r, "position-profile_mid_count"));
        assertEquals(0.3 / 0.85, v(r, "position-profile_first2_ratio"), 1e-6);
        assertEquals(0.45 / 0.85, v(r, "position-profile_last2_ratio"), 1e-6);
        MetricResult.Curve curve = r.curves().get("position-profile");
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, curve.x());
        assertArrayEquals(profile, curve.y(), 1e-7);
    }

    @Test
    void edgesAreEachClipsOwnAndNamesSortByPosition() {
        // 12 frames and 4 frames: names are padded to two digits; the short clip's last two
        // frames are its frames 2 and 3, its middle half frame 1..2
        Map<String, FrameScores> scores = new TreeMap<>();
        float[] ones = new float[12];
        java.util.Arrays.fill(ones, 1);
        scores.put("long", table(List.of("a"), ones));
        scores.put("short", table(List.of("a"), new float[] {0.5f, 0.5f, 0.25f, 0.25f}));
        Map<String, List<SoundEvent>> truth = Map.of("long", List.of(new SoundEvent(0, 12, "a")),
                "short", List.of(new SoundEvent(0, 4, "a")));
        MetricResult r = METRIC.evaluateScores(scores, truth, Map.of(), Map.of());
        assertEquals(12, v(r, "position-profile_frames"));
        assertEquals((1 + 0.25) / 2, v(r, "position-profile_frame_02"), 0);
        assertEquals(1, v(r, "position-profile_frame_11"), 0);
        assertTrue(r.values().keySet().stream().noneMatch(k -> k.equals("position-profile_frame_2")));
        // last two: long f10, f11 (1, 1), short f2, f3 (.25, .25)
        assertEquals(0.625, v(r, "position-profile_last2"), 0);
        // first two: 1 1 .5 .5
        assertEquals(0.75, v(r, "position-profile_first2"), 0);
        // mid: long f3-8 (six ones), short f1-2 (.5, .25)
        assertEquals((6 + 0.75) / 8, v(r, "position-profile_mid"), 1e-15);
    }

    @Test
    void withoutPositiveFramesEverythingIsUndefined() {
        MetricResult r = METRIC.evaluateScores(Map.of("c", table(List.of("a"), new float[] {0, 0, 0, 0})),
                Map.of(), Map.of(), Map.of());
        assertTrue(Double.isNaN(v(r, "position-profile")));
        assertTrue(Double.isNaN(v(r, "position-profile_first2_ratio")));
        assertTrue(Double.isNaN(v(r, "position-profile_frame_0")));
        assertTrue(r.curves().isEmpty());
        // an inverted oracle: positives score 0, so the ratios divide by 0 and are undefined
        MetricResult zero = METRIC.evaluateScores(Map.of("c", table(List.of("a"), new float[] {0, 0, 0, 0})),
                Map.of("c", List.of(new SoundEvent(0, 4, "a"))), Map.of(), Map.of());
        assertEquals(0, v(zero, "position-profile_mid"));
        assertTrue(Double.isNaN(v(zero, "position-profile_last2_ratio")));
    }
}
