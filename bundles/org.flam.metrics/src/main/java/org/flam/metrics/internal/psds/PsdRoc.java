package org.flam.metrics.internal.psds;

import java.util.Arrays;
import java.util.List;

/**
 * A PSD-ROC: a staircase of (effective FPR per hour, TPR) points with strictly increasing x,
 * read as "TPR {@code y[i]} from {@code x[i]} up to the next point".
 *
 * @param efpr x, effective false positives per hour, strictly increasing, starting at 0
 * @param tpr  y, true positive ratio (per label) or effective TPR (combined), in {@code [0, 1]}
 */
record PsdRoc(double[] efpr, double[] tpr) {

    /**
     * One label's ROC from its operating points, as {@code sed_scores_eval}'s
     * {@code _sort_and_cut} and {@code psds_eval}'s {@code step_curve} build it: points sorted
     * by eFPR; TPR made non-decreasing (running maximum: an operating point with more false
     * positives and fewer true positives than another is never chosen); one point per distinct
     * eFPR, the highest TPR; points beyond {@code maxEfpr} dropped. The operating points must
     * include the empty detection (0, 0) (threshold +∞, or the point psds_eval adds).
     */
    static PsdRoc ofOperatingPoints(double[] efpr, double[] tpr, double maxEfpr) {
        // Primitive sort of the distinct eFPRs, then the best TPR per eFPR by binary search:
        // frame-score PSDS has one operating point per distinct score (hundreds of thousands).
        double[] x = Arrays.stream(efpr).filter(v -> v <= maxEfpr).sorted().distinct().toArray();
        double[] y = new double[x.length];
        Arrays.fill(y, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < efpr.length; i++) {
            if (efpr[i] <= maxEfpr) {
                int slot = Arrays.binarySearch(x, efpr[i]);
                y[slot] = Math.max(y[slot], tpr[i]);
            }
        }
        for (int i = 1; i < y.length; i++) {
            y[i] = Math.max(y[i], y[i - 1]);
        }
        return new PsdRoc(x, y);
    }

    /**
     * The combined PSD-ROC over labels: on the union of the labels' eFPR points each label's
     * TPR is read off its staircase (0 before its first point), and
     * {@code eTPR = max(0, mean - alphaSt · std)} with the population standard deviation over
     * labels (numpy's {@code std}); a last point at {@code maxEfpr} repeats the last eTPR, so
     * the staircase reaches the end of the area.
     */
    static PsdRoc combine(List<PsdRoc> labels, double alphaSt, double maxEfpr) {
        double[] union = labels.stream().flatMapToDouble(r -> Arrays.stream(r.efpr)).sorted().distinct().toArray();
        int k = labels.size();
        double[] etpr = new double[union.length + 1];
        double[] values = new double[k];
        for (int i = 0; i < union.length; i++) {
            double mean = 0;
            for (int c = 0; c < k; c++) {
                values[c] = labels.get(c).tprAt(union[i]);
                mean += values[c];
            }
            mean /= k;
            double variance = 0;
            for (double v : values) {
                variance += (v - mean) * (v - mean);
            }
            etpr[i] = Math.max(0, mean - alphaSt * Math.sqrt(variance / k));
        }
        double[] x = Arrays.copyOf(union, union.length + 1);
        x[union.length] = maxEfpr;
        etpr[union.length] = union.length == 0 ? 0 : etpr[union.length - 1];
        return new PsdRoc(x, etpr);
    }

    /** TPR of the staircase at {@code x}: the y of the last point at or before it, 0 before the first. */
    double tprAt(double x) {
        int i = Arrays.binarySearch(efpr, x);
        int last = i >= 0 ? i : -i - 2;
        return last < 0 ? 0 : tpr[last];
    }

    /**
     * Area under the staircase from 0 up to {@code maxEfpr}, divided by {@code maxEfpr}:
     * {@code Σ_i (min(x[i+1], max) - x[i]) · y[i]} over points with {@code x[i] < max}, the
     * last of them extended to {@code max} (sed_scores_eval's {@code staircase_auc}).
     */
    double normalizedArea(double maxEfpr) {
        double area = 0;
        for (int i = 0; i < efpr.length && efpr[i] < maxEfpr; i++) {
            double next = i + 1 < efpr.length ? Math.min(efpr[i + 1], maxEfpr) : maxEfpr;
            area += (next - efpr[i]) * tpr[i];
        }
        return area / maxEfpr;
    }
}
