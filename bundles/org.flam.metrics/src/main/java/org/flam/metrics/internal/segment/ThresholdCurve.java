package org.flam.metrics.internal.segment;

import java.util.Arrays;

/**
 * True and false positive counts of one label at every decision threshold, accumulated over
 * files from per-item changes ("deltas", Ebbers et al., ICASSP 2022, as
 * {@code sed_scores_eval} does it).
 *
 * <p>Each item contributes {@code (score, dTp, dFp)}: how the counts change when the
 * threshold falls to {@code score} (a segment contributes its target as a true or a false
 * positive; a file's collar-based matching contributes the change between its consecutive
 * distinct scores). Items are grouped by exact score, so tied items change the counts
 * together, in one step: the curve never orders tied items among themselves, which is what
 * makes its ROC area the Mann-Whitney statistic with half credit for ties.
 *
 * <p>The operating points are the distinct scores {@code u[0] < ... < u[m-1]}; point
 * {@code k} detects the items with {@code score >= u[k]}, so {@code tp[k]} is the sum of
 * {@code dTp} over those items (likewise {@code fp}); above every score nothing is detected
 * (the implicit point at {@code +inf} with counts 0). Instances are immutable.
 */
final class ThresholdCurve {

    private final double[] thresholds;
    private final long[] tp;
    private final long[] fp;

    private ThresholdCurve(double[] thresholds, long[] tp, long[] fp) {
        this.thresholds = thresholds;
        this.tp = tp;
        this.fp = fp;
    }

    /** Number of distinct scores {@code m}. */
    int size() {
        return thresholds.length;
    }

    /** The distinct score {@code u[k]}, ascending in {@code k}. */
    double threshold(int k) {
        return thresholds[k];
    }

    /** True positives detecting {@code score >= u[k]}. */
    long tp(int k) {
        return tp[k];
    }

    /** False positives detecting {@code score >= u[k]}. */
    long fp(int k) {
        return fp[k];
    }

    /** True positives at the lowest threshold: every item detected (0 for an empty curve). */
    long totalTp() {
        return tp.length == 0 ? 0 : tp[0];
    }

    /** False positives at the lowest threshold: every item detected (0 for an empty curve). */
    long totalFp() {
        return fp.length == 0 ? 0 : fp[0];
    }

    /**
     * Index of the operating point that detects exactly the items with
     * {@code score > threshold}: the first {@code k} with {@code u[k] > threshold}, or
     * {@link #size()} (nothing detected) if there is none. This is {@code sed_scores_eval}'s
     * rule for a single threshold (its {@code fscore(threshold=...)}).
     */
    int indexAbove(double threshold) {
        int i = Arrays.binarySearch(thresholds, threshold);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Collects items; not thread-safe. */
    static final class Builder {

        private double[] scores = new double[64];
        private long[] dTp = new long[64];
        private long[] dFp = new long[64];
        private int n;

        /**
         * Adds one item.
         *
         * @param score its score, not NaN ({@code -0.0} counts as {@code 0.0}, as for
         *              numpy's {@code unique})
         * @param tpDelta change in true positives when the threshold falls to {@code score}
         * @param fpDelta change in false positives likewise
         */
        void add(double score, long tpDelta, long fpDelta) {
            if (Double.isNaN(score)) {
                throw new IllegalArgumentException("score must not be NaN");
            }
            if (n == scores.length) {
                scores = Arrays.copyOf(scores, 2 * n);
                dTp = Arrays.copyOf(dTp, 2 * n);
                dFp = Arrays.copyOf(dFp, 2 * n);
            }
            // + 0.0 turns -0.0 into 0.0: Arrays.sort orders -0.0 before 0.0 as distinct values
            scores[n] = score + 0.0;
            dTp[n] = tpDelta;
            dFp[n] = fpDelta;
            n++;
        }

        /** The curve of the items added so far. */
        ThresholdCurve build() {
            double[] sorted = Arrays.copyOf(scores, n);
            Arrays.sort(sorted);
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (m == 0 || sorted[i] != sorted[m - 1]) {
                    sorted[m++] = sorted[i];
                }
            }
            double[] distinct = Arrays.copyOf(sorted, m);
            long[] tp = new long[m];
            long[] fp = new long[m];
            for (int i = 0; i < n; i++) {
                int k = Arrays.binarySearch(distinct, scores[i]);
                tp[k] += dTp[i];
                fp[k] += dFp[i];
            }
            // cumulative from the top: point k detects every item scoring >= u[k]
            for (int k = m - 2; k >= 0; k--) {
                tp[k] += tp[k + 1];
                fp[k] += fp[k + 1];
            }
            return new ThresholdCurve(distinct, tp, fp);
        }
    }
}
