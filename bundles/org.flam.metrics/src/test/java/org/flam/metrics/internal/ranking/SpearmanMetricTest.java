package org.flam.metrics.internal.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.junit.jupiter.api.Test;

class SpearmanMetricTest {

    private static final Metric SPEARMAN = new SpearmanMetric("spearman");

    /**
     * x = 0.1 0.2 0.9 0.8 0.3 0.2, y = 0 0 1 1 0 0. Average ranks r = 1 2.5 6 5 4 2.5,
     * s = 2.5 2.5 5.5 5.5 2.5 2.5, both with mean 3.5: Σ(r - 3.5)(s - 3.5) = 12,
     * Σ(r - 3.5)² = 17, Σ(s - 3.5)² = 12, so ρ = 12 / sqrt(204).
     */
    private static final double RHO = 12 / Math.sqrt(204);

    private static FrameScores oneFps(String label, float... scores) {
        return FrameScores.ofColumns(new FrameGrid(1, scores.length), List.of(label), new float[][] {scores});
    }

    @Test
    void averageRanksShareTies() {
        assertArrayEquals(new double[] {1, 2.5, 6, 5, 4, 2.5}, Ranks.averageRanks(new double[] {0.1, 0.2, 0.9, 0.8, 0.3, 0.2}));
        assertArrayEquals(new double[] {2, 2, 2}, Ranks.averageRanks(new double[] {-0.0, 0.0, 0.0}));
    }

    @Test
    void rhoByHand() {
        assertEquals(RHO, Spearman.rho(new double[] {0.1, 0.2, 0.9, 0.8, 0.3, 0.2}, new double[] {0, 0, 1, 1, 0, 0}), 1e-15);
        assertEquals(1, Spearman.rho(new double[] {1, 2, 3}, new double[] {10, 20, 30}), 1e-15);
        assertEquals(-1, Spearman.rho(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-15);
        assertTrue(Double.isNaN(Spearman.rho(new double[] {1, 1, 1}, new double[] {0, 1, 0})));
        assertTrue(Double.isNaN(Spearman.rho(new double[] {1}, new double[] {1})));
    }

    @Test
    void meanOverCaptionedEventsSkippingUndefinedOnes() {
        Map<String, FrameScores> scores = Map.of(
                "a", oneFps("dog", 0.1f, 0.2f, 0.9f, 0.8f, 0.3f, 0.2f),
                // covers every frame: ground truth constant, undefined
                "b", oneFps("dog", 0.5f, 0.6f),
                // perfectly aligned: ρ = 1
                "c", oneFps("cat", 0.9f, 0.1f, 0.1f),
                // constant scores: undefined
                "d", oneFps("cat", 0.4f, 0.4f, 0.4f),
                // no event of its label: not a sample
                "e", oneFps("bird", 0.3f, 0.1f));
        Map<String, List<SoundEvent>> truth = Map.of(
                // the event [2, 4) sets frames 2 and 3; two events of "dog" in a clip would make one target
                "a", List.of(new SoundEvent(2, 3, "dog"), new SoundEvent(3, 4, "dog"), new SoundEvent(0, 1, "cat")),
                "b", List.of(new SoundEvent(0, 2, "dog")),
                "c", List.of(new SoundEvent(0, 0.5, "cat")),
                "d", List.of(new SoundEvent(1, 2, "cat")));
        MetricResult r = SPEARMAN.evaluateScores(scores, truth, Map.of(), Map.of());
        assertEquals((RHO + 1) / 2, r.headline().orElseThrow(), 1e-15);
        assertEquals(RHO, r.value("spearman/dog").orElseThrow(), 1e-15);
        assertEquals(1, r.value("spearman/cat").orElseThrow(), 1e-15);
        assertEquals(2, r.value("spearman_events").orElseThrow(), 0);
        assertEquals(2, r.value("spearman_undefined").orElseThrow(), 0);
        assertTrue(r.value("spearman/bird").isEmpty());
    }

    @Test
    void noParametersAndTheDefaultName() {
        SpearmanMetricConfiguration defaults = (SpearmanMetricConfiguration) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SpearmanMetricConfiguration.class},
                (proxy, method, args) -> method.getDefaultValue());
        assertEquals("spearman", new SpearmanMetric(defaults).name());
        assertThrows(IllegalArgumentException.class,
                () -> SPEARMAN.evaluateScores(Map.of(), Map.of(), Map.of(), Map.of(Metric.THRESHOLD, 0.5)));
        assertTrue(Double.isNaN(SPEARMAN.evaluateScores(Map.of(), Map.of(), Map.of(), Map.of()).headline().orElseThrow()));
    }
}
