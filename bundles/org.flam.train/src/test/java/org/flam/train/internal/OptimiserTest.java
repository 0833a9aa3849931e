package org.flam.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Adam and the learning-rate schedule against hand-computed values. */
class OptimiserTest {

    @Test
    void scheduleWarmsUpWithACosineThenDecaysLinearly() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 110, 0.1);
        assertEquals(0.0, s.rate(0), 1e-15);
        assertEquals(1e-3 * (1 - Math.cos(Math.PI * 5 / 10)) / 2, s.rate(5), 1e-15); // 0.5e-3
        assertEquals(0.5e-3, s.rate(5), 1e-15);
        assertEquals(1e-3, s.rate(10), 1e-15);
        assertEquals(1e-3 * (1 - 0.9 * 50 / 100.0), s.rate(60), 1e-15); // 0.55e-3
        assertEquals(1e-4, s.rate(110), 1e-15);
        assertEquals(1e-3, new LearningRateSchedule(1e-3, 0, 1, 0).rate(0), 1e-15, "no warm-up, one step");
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1e-3, 1, 10, 2));
    }

    @Test
    void adamFirstAndSecondStepsByHand() {
        Adam adam = new Adam(0.9, 0.999, 0.0, 0.0, 0.0);
        INDArray theta = Nd4j.createFromArray(1.0, -2.0);
        Map<String, INDArray> params = Map.of("t", theta);
        // Step 1: m̂ = g, v̂ = g², so the step is rate · sign(g).
        adam.update(1, 0.1, params, new HashMap<>(Map.of("t", Nd4j.createFromArray(0.5, -4.0))));
        assertEquals(0.9, theta.getDouble(0), 1e-12);
        assertEquals(-1.9, theta.getDouble(1), 1e-12);
        // Step 2 with g = 0.25 on the first entry:
        // m = 0.9·0.05 + 0.1·0.25 = 0.07, v = 0.999·0.00025 + 0.001·0.0625 = 0.00031225
        // m̂ = 0.07 / 0.19, v̂ = 0.00031225 / 0.001999
        adam.update(2, 0.1, params, new HashMap<>(Map.of("t", Nd4j.createFromArray(0.25, 0.0))));
        double mHat = 0.07 / (1 - 0.81);
        double vHat = 0.00031225 / (1 - 0.999 * 0.999);
        assertEquals(0.9 - 0.1 * mHat / Math.sqrt(vHat), theta.getDouble(0), 1e-12);
    }

    /**
     * The fused native updater with ε ≠ 0 against the textbook formula
     * {@code θ ← θ - η m̂ / (√v̂ + ε)} computed here in plain double arithmetic, over five
     * steps of seeded gradients (ε large enough to matter).
     */
    @Test
    void adamWithEpsilonFollowsTheTextbookFormula() {
        double b1 = 0.9;
        double b2 = 0.99;
        double eps = 0.05;
        Adam adam = new Adam(b1, b2, eps, 0.0, 0.0);
        double[] expected = {0.3, -1.2, 2.0};
        INDArray theta = Nd4j.createFromArray(expected.clone());
        double[] m = new double[3];
        double[] v = new double[3];
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int t = 1; t <= 5; t++) {
            double[] g = {random.nextGaussian(), random.nextGaussian() * 0.01, random.nextGaussian() * 3};
            double rate = 0.01 * t;
            adam.update(t, rate, Map.of("t", theta), new HashMap<>(Map.of("t", Nd4j.createFromArray(g.clone()))));
            for (int i = 0; i < 3; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                expected[i] -= rate * mHat / (Math.sqrt(vHat) + eps);
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], theta.getDouble(i), 1e-12, "step " + t + ", entry " + i);
            }
        }
    }

    @Test
    void clippingScalesTheGlobalNormAndDecayShrinks() {
        Adam adam = new Adam(0.0, 0.0, 0.0, 0.5, 5.0);
        INDArray a = Nd4j.createFromArray(1.0);
        INDArray b = Nd4j.createFromArray(1.0);
        // Gradients (6, 8): norm 10, clipped to 5 → (3, 4); with β = 0 the Adam step is
        // rate · g / |g| = rate per entry, after decay θ(1 - rate · λ).
        double norm = adam.update(1, 0.1, Map.of("a", a, "b", b),
                new HashMap<>(Map.of("a", Nd4j.createFromArray(6.0), "b", Nd4j.createFromArray(8.0))));
        assertEquals(10.0, norm, 1e-12);
        assertEquals(1.0 * (1 - 0.05) - 0.1, a.getDouble(0), 1e-12);
        assertEquals(1.0 * (1 - 0.05) - 0.1, b.getDouble(0), 1e-12);
        assertThrows(ArithmeticException.class, () -> adam.update(2, 0.1, Map.of("a", a),
                new HashMap<>(Map.of("a", Nd4j.createFromArray(Double.NaN)))));
        assertEquals(DataType.DOUBLE, a.dataType());
    }
}
