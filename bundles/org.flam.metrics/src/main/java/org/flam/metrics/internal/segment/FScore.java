package org.flam.metrics.internal.segment;

/**
 * Precision, recall and F1 from counts, as {@code sed_scores_eval} defines them:
 * <pre>
 *   P  = tp / (tp + fp),   1 when nothing is detected
 *   R  = tp / references,  undefined (NaN) without references
 *   F1 = 2 P R / max(P + R, 1e-15)
 * </pre>
 *
 * @param tp         true positives, {@code >= 0}
 * @param fp         false positives, {@code >= 0}
 * @param references ground-truth items (events or positive segments), {@code >= tp}
 */
record FScore(long tp, long fp, long references) {

    /** {@code tp / (tp + fp)}, or 1 when nothing is detected. */
    double precision() {
        return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    }

    /** {@code tp / references}, or NaN without references. */
    double recall() {
        return references == 0 ? Double.NaN : (double) tp / references;
    }

    /** {@code 2 P R / max(P + R, 1e-15)}, or NaN without references. */
    double f1() {
        double p = precision();
        double r = recall();
        return 2 * p * r / Math.max(p + r, 1e-15);
    }
}
