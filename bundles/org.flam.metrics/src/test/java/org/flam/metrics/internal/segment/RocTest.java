package org.flam.metrics.internal.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.flam.api.MetricResult.Curve;
import org.junit.jupiter.api.Test;

class RocTest {

    private static Roc roc(double[] positives, double[] negatives) {
        ThresholdCurve.Builder b = new ThresholdCurve.Builder();
        for (double p : positives) {
            b.add(p, 1, 0);
        }
        for (double n : negatives) {
            b.add(n, 0, 1);
        }
        return new Roc(b.build());
    }

    /** The normalised Mann-Whitney U: pairs ranked right count 1, ties 1/2. */
    private static double mannWhitney(double[] positives, double[] negatives) {
        double u = 0;
        for (double p : positives) {
            for (double n : negatives) {
                u += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }
        return u / positives.length / negatives.length;
    }

    @Test
    void areaWithATieIsMannWhitneyByHand() {
        // pairs: 0.9 beats both negatives (2), 0.5 ties 0.5 (1/2) and beats 0.1 (1): 3.5 / 4
        assertEquals(0.875, roc(new double[] {0.9, 0.5}, new double[] {0.5, 0.1}).area(1), 0);
    }

    @Test
    void partialAreaByHand() {
        // P = 3, N = 4. Points by falling threshold: (0,0), 0.9: (0,1/3), 0.8: (1/4,1/3),
        // 0.6 (2 positives, 1 negative tied): diagonal to (1/2,1), 0.2: (3/4,1), 0.1: (1,1).
        Roc roc = roc(new double[] {0.9, 0.6, 0.6}, new double[] {0.8, 0.6, 0.2, 0.1});
        // full: 1/4 * 1/3 + 1/4 * (1/3 + 1) / 2 + 1/2 * 1 = 3/4
        assertEquals(0.75, roc.area(1), 1e-15);
        // up to 3/8: 1/4 * 1/3 + 1/8 * (1/3 + 2/3) / 2 = 7/48 (the diagonal is at 2/3 at x = 3/8); / (3/8) = 7/18
        assertEquals(7.0 / 18, roc.area(0.375), 1e-15);
        // up to 1/4, a point of the curve: 1/4 * 1/3 / (1/4) = 1/3
        assertEquals(1.0 / 3, roc.area(0.25), 1e-15);
        Curve curve = roc.curve();
        assertArrayEquals(new double[] {0, 0, 0.25, 0.5, 0.75, 1}, curve.x(), 1e-15);
        assertArrayEquals(new double[] {0, 1.0 / 3, 1.0 / 3, 1, 1, 1}, curve.y(), 1e-15);
    }

    @Test
    void runOfPositivesAtEqualFprKeepsItsTopPoint() {
        // Points (0,0), (0,1/3), (0,2/3), (0,1), (1/2,1), (1,1): three share FPR 0. An unstable
        // re-sort by FPR (sed_scores_eval) may integrate from (0,1/3) instead of (0,1).
        Roc roc = roc(new double[] {0.9, 0.8, 0.7}, new double[] {0.2, 0.1});
        assertEquals(1, roc.area(1), 0);
        assertEquals(1, roc.area(0.1), 0);
    }

    @Test
    void areaEqualsMannWhitneyOnRandomScoresWithManyTies() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            double[] positives = new double[1 + random.nextInt(30)];
            double[] negatives = new double[1 + random.nextInt(30)];
            int levels = 1 + random.nextInt(6); // few distinct values: many ties
            for (int i = 0; i < positives.length; i++) {
                positives[i] = random.nextInt(levels) / 4.0;
            }
            for (int i = 0; i < negatives.length; i++) {
                negatives[i] = random.nextInt(levels) / 4.0;
            }
            assertEquals(mannWhitney(positives, negatives), roc(positives, negatives).area(1), 1e-14,
                    "trial " + trial);
        }
    }

    @Test
    void allScoresTiedIsOneHalfAndTheDiagonal() {
        Roc roc = roc(new double[] {0.3, 0.3}, new double[] {0.3, 0.3, 0.3});
        assertEquals(0.5, roc.area(1), 0);
        // partial area of the diagonal up to 0.1: 0.1 * 0.1 / 2 / 0.1 = 0.05
        assertEquals(0.05, roc.area(0.1), 1e-15);
    }

    @Test
    void negativeZeroTiesWithZero() {
        assertEquals(0.5, roc(new double[] {-0.0}, new double[] {0.0}).area(1), 0);
    }

    @Test
    void undefinedWithoutPositivesOrNegatives() {
        Roc noPositives = roc(new double[0], new double[] {0.1});
        assertFalse(noPositives.defined());
        assertTrue(Double.isNaN(noPositives.area(1)));
        assertTrue(Double.isNaN(roc(new double[] {0.1}, new double[0]).area(0.1)));
    }
}
