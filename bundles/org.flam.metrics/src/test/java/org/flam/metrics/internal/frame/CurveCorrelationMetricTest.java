package org.flam.metrics.internal.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.junit.jupiter.api.Test;

class CurveCorrelationMetricTest {

    private static final CurveCorrelationMetric METRIC = new CurveCorrelationMetric(CurveCorrelationMetric.NAME);

    private static FrameScores table(List<String> labels, float[]... columns) {
        return FrameScores.ofColumns(new FrameGrid(1, columns[0].length), labels, columns);
    }

    private static double v(MetricResult r, String name) {
        return r.value(name).orElseThrow(() -> new AssertionError(name + " missing: " + r.values()));
    }

    @Test
    void pearsonByHandAndAgainstCommonsMath() {
        // x̄ = ȳ = 2.5; Σ dx dy = 2.25 - 0.25 - 0.25 + 2.25 = 4; Σ dx² = Σ dy² = 5
        assertEquals(0.8, Pearson.r(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}), 1e-15);
        assertEquals(-1.0, Pearson.r(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-15);
        assertTrue(Double.isNaN(Pearson.r(new double[] {1, 2, 3}, new double[] {0.1, 0.1, 0.1})));
        assertTrue(Pearson.isConstant(new double[] {0.1, 0.1, 0.1}));
        assertTrue(Pearson.isConstant(new double[] {7}));
        assertThrows(IllegalArgumentException.class, () -> Pearson.r(new double[2], new double[3]));
        Random random = new Random(7);
        PearsonsCorrelation reference = new PearsonsCorrelation();
        for (int round = 0; round < 200; round++) {
            int n = 2 + random.nextInt(40);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) random.nextDouble();
                // y partly follows x, sometimes on a coarse grid (ties)
                y[i] = round % 3 == 0 ? random.nextInt(3) : 0.5 * x[i] + 0.5 * random.nextDouble();
            }
            if (Pearson.isConstant(y)) {
                continue;
            }
            assertEquals(reference.correlation(x, y), Pearson.r(x, y), 1e-12, "round " + round);
        }
    }

    @Test
    void meanOverPairsThenOverClipsWithTheGroundTruthAsReference() {
        Map<String, FrameScores> scores = new TreeMap<>();
        Map<String, List<SoundEvent>> truth = new TreeMap<>();
        // c1: r(a,b) = 0.8, r(a,c) = -1, r(b,c) = -0.8: clip mean -1/3
        scores.put("c1", table(List.of("a", "b", "c"), new float[] {1, 2, 3, 4}, new float[] {1, 3, 2, 4},
                new float[] {4, 3, 2, 1}));
        truth.put("c1", List.of(new SoundEvent(0, 2, "a"), new SoundEvent(1, 3, "b")));
        // c2: e is constant: its one pair is skipped, the clip does not count
        scores.put("c2", table(List.of("d", "e"), new float[] {0, 0, 1, 1}, new float[] {0.5f, 0.5f, 0.5f, 0.5f}));
        truth.put("c2", List.of(new SoundEvent(2, 4, "d"), new SoundEvent(0, 4, "e")));
        // c3: r(d,f) = -1
        scores.put("c3", table(List.of("d", "f"), new float[] {0, 0, 1, 1}, new float[] {1, 1, 0, 0}));
        truth.put("c3", List.of(new SoundEvent(0, 1, "d"), new SoundEvent(3, 4, "f"), new SoundEvent(1, 2, "x")));
        // c4: one label, no pair
        scores.put("c4", table(List.of("a"), new float[] {0, 1, 0, 1}));
        MetricResult r = METRIC.evaluateScores(scores, truth, Map.of(), Map.of());
        assertEquals((-1.0 / 3 - 1) / 2, v(r, "curve-correlation"), 1e-15);
        assertEquals(4, v(r, "curve-correlation_pairs"));
        assertEquals(1, v(r, "curve-correlation_constant_pairs"));
        assertEquals(2, v(r, "curve-correlation_clips"));
        // truth c1: a = 1100, b = 0110: r = 0; c has no event (constant): 2 pairs skipped
        // truth c2: e covers every frame (constant): skipped
        // truth c3: d = 1000, f = 0001: Σ dx dy = -0.25, Σ dx² = Σ dy² = 0.75: r = -1/3 (x is no column)
        assertEquals((0 - 1.0 / 3) / 2, v(r, "curve-correlation_truth"), 1e-15);
        assertEquals(2, v(r, "curve-correlation_truth_pairs"));
        assertEquals(3, v(r, "curve-correlation_truth_constant_pairs"));
        assertEquals(2, v(r, "curve-correlation_truth_clips"));
        assertEquals(r.headline().orElseThrow(), v(r, "curve-correlation"));
    }

    @Test
    void withoutPairsTheMeansAreUndefined() {
        MetricResult r = METRIC.evaluateScores(Map.of("c", table(List.of("a"), new float[] {0, 1})), Map.of(),
                Map.of(), Map.of());
        assertTrue(Double.isNaN(v(r, "curve-correlation")));
        assertTrue(Double.isNaN(v(r, "curve-correlation_truth")));
        assertEquals(0, v(r, "curve-correlation_pairs"));
        assertThrows(IllegalArgumentException.class,
                () -> METRIC.evaluateScores(Map.of(), Map.of(), Map.of(), Map.of("threshold", 0.5)));
    }
}
