package org.flam.metrics.internal.segment;

import org.flam.api.MetricResult.Curve;

/**
 * The ROC of one label from its {@link ThresholdCurve} of segment counts, and the area under
 * it.
 *
 * <p>Points, by falling threshold: {@code (0, 0)} above every score, then for each distinct
 * score {@code u[k]} from the highest down {@code (FPR, TPR) = (fp[k] / N, tp[k] / P)}, with
 * {@code P} and {@code N} the numbers of positive and negative segments; the last point is
 * {@code (1, 1)}. Both coordinates never decrease along the curve.
 *
 * <p><b>Area.</b> Trapezoids between consecutive points, integrated in threshold order. A
 * group of tied scores holding {@code a} positives and {@code b} negatives is one step from
 * {@code (x, y)} to {@code (x + b/N, y + a/P)}, a diagonal, so each tied positive-negative
 * pair earns half credit, and the full area equals the normalised Mann-Whitney statistic
 * <pre>  AUC = (#{s+ > s-} + 0.5 #{s+ = s-}) / (P N)</pre>
 * over all pairs of a positive and a negative segment. The area is accumulated in integer
 * units of {@code 1 / (2 P N)}, so it is exact up to the final division.
 *
 * <p>{@code sed_scores_eval} re-sorts the points by FPR with numpy's default, unstable sort
 * before integrating; points with equal FPR (a run of positives between two negatives) may
 * then leave the run's top point anywhere but last, and the next trapezoid starts from a
 * lower TPR: its area can come out too small. Integrating in threshold order never re-sorts,
 * so it cannot happen here.
 *
 * <p><b>Partial area</b> up to {@code maxFpr}: the same trapezoids clipped at
 * {@code FPR = maxFpr}, the curve linearly interpolated there, divided by {@code maxFpr}
 * (normalised to {@code [0, 1]}, no McClish correction), as {@code sed_scores_eval}'s
 * {@code auroc(max_fpr=...)}.
 */
final class Roc {

    private final ThresholdCurve counts;
    private final long positives;
    private final long negatives;

    Roc(ThresholdCurve counts) {
        this.counts = counts;
        this.positives = counts.totalTp();
        this.negatives = counts.totalFp();
    }

    /** Whether the ROC exists: at least one positive and one negative segment. */
    boolean defined() {
        return positives > 0 && negatives > 0;
    }

    /**
     * Area under the ROC up to {@code maxFpr}, divided by {@code maxFpr}; NaN if the ROC is
     * not {@link #defined()}.
     *
     * @param maxFpr upper FPR, in {@code (0, 1]}; 1 gives the full area
     */
    double area(double maxFpr) {
        if (!defined()) {
            return Double.NaN;
        }
        // in units of one false positive (x) and one true positive (y)
        double limit = maxFpr * negatives;
        long twiceArea = 0;
        double partial = 0;
        long x0 = 0;
        long y0 = 0;
        for (int k = counts.size() - 1; k >= 0; k--) {
            long x1 = counts.fp(k);
            long y1 = counts.tp(k);
            if (x1 <= limit) {
                twiceArea += (x1 - x0) * (y0 + y1);
            } else {
                if (x0 < limit) {
                    double yAtLimit = y0 + (y1 - y0) * (limit - x0) / (x1 - x0);
                    partial = (limit - x0) * (y0 + yAtLimit);
                }
                break;
            }
            x0 = x1;
            y0 = y1;
        }
        // divided by the clipped rectangle 2 P (maxFpr N) in one step: a perfect ROC gives exactly 1
        return (twiceArea + partial) / (2.0 * positives * limit);
    }

    /**
     * The ROC as a curve, TPR against FPR, from {@code (0, 0)} in falling threshold order;
     * only where {@link #defined()}.
     */
    Curve curve() {
        int m = counts.size();
        double[] x = new double[m + 1];
        double[] y = new double[m + 1];
        for (int k = m - 1, i = 1; k >= 0; k--, i++) {
            x[i] = (double) counts.fp(k) / negatives;
            y[i] = (double) counts.tp(k) / positives;
        }
        return new Curve("FPR", "TPR", x, y);
    }
}
