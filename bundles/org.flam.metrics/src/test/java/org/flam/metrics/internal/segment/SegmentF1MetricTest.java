package org.flam.metrics.internal.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.junit.jupiter.api.Test;

class SegmentF1MetricTest {

    private static final Metric F1 = new SegmentF1Metric(Defaults.of(SegmentF1MetricConfiguration.class));

    @Test
    void f1AtTheThresholdAndAgainstItByHand() {
        // 3.2 fps over 4 s: 1 s segments score the max of frames 0-3, 3-6, 6-9, 9-12
        float[] column = {0.1f, 0.2f, 0.1f, 0.6f, 0.2f, 0.1f, 0.3f, 0.2f, 0.1f, 0.1f, 0.9f, 0.2f, 0.1f};
        // segment maxima: 0.6, 0.6, 0.3, 0.9
        Map<String, FrameScores> scores = Map.of("f", FrameScores.ofColumns(new FrameGrid(3.2, 13), List.of("x"),
                new float[][] {column}));
        // the event [1.5, 2.5) makes segments [1,2) and [2,3) positive
        Map<String, List<SoundEvent>> truth = Map.of("f", List.of(new SoundEvent(1.5, 2.5, "x")));
        Map<String, Double> durations = Map.of("f", 4.0);
        MetricResult r = F1.evaluateScores(scores, truth, durations, Map.of());
        // > 0.5: segments 0, 1, 3 detected; positives 1, 2: tp 1, fp 2, P 1/3, R 1/2, F1 2/5
        assertEquals(0.4, r.value("f1-segment/x").orElseThrow(), 1e-15);
        assertEquals(0.4, r.headline().orElseThrow(), 1e-15);
        // > 0.3 is the same set (0.3f is not above a threshold of 0.3: compared in float);
        // > 0.2 adds segment 2 (positive): tp 2, fp 2: F1 2/3
        assertEquals(0.4, F1.evaluateScores(scores, truth, durations, Map.of(Metric.THRESHOLD, 0.3))
                .headline().orElseThrow(), 1e-15);
        assertEquals(2.0 / 3, F1.evaluateScores(scores, truth, durations, Map.of(Metric.THRESHOLD, 0.2))
                .headline().orElseThrow(), 1e-15);
        // curve: >= 0.3 (4 detected, tp 2): 2/3; >= 0.6 (3, tp 1): 2/5; >= 0.9 (1, tp 0): 0; none: 0
        assertArrayEquals(new double[] {0.3f, 0.6f, 0.9f, Double.POSITIVE_INFINITY},
                r.curves().get("f1-segment/x").x());
        assertArrayEquals(new double[] {2.0 / 3, 0.4, 0, 0}, r.curves().get("f1-segment/x").y(), 1e-15);
        // 0.5 s segments: maxima 0.2, 0.6, 0.6, 0.3, 0.3, 0.1, 0.9, 0.2; positives [1.5,2) and [2,2.5) (0.3 each)
        assertEquals(0, F1.evaluateScores(scores, truth, durations, Map.of(Metric.SEGMENT_SECONDS, 0.5))
                .headline().orElseThrow(), 0);
        // > 0.2: five detected, both positives among them: P 2/5, R 1, F1 4/7
        assertEquals(4.0 / 7, F1.evaluateScores(scores, truth, durations,
                Map.of(Metric.SEGMENT_SECONDS, 0.5, Metric.THRESHOLD, 0.2)).headline().orElseThrow(), 1e-15);
    }
}
