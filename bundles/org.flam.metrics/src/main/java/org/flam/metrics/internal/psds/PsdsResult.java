package org.flam.metrics.internal.psds;

import java.util.List;

/**
 * Everything a PSDS computation produced.
 *
 * @param psds       the score: area under {@link #roc} up to max eFPR over max eFPR, in [0, 1]
 * @param labels     the evaluated labels, sorted; index {@code c} in the arrays below
 * @param roc        the combined PSD-ROC (eTPR against eFPR per hour)
 * @param labelRocs  per label its ROC (TPR against eFPR per hour)
 * @param labelPsds  per label the normalised area under its own ROC
 * @param rates      per operating point (detection table) its rates; empty for frame scores,
 *                   whose operating points are every distinct score
 */
record PsdsResult(double psds, List<String> labels, PsdRoc roc, List<PsdRoc> labelRocs, double[] labelPsds,
        List<OperatingPointRates> rates) {

    /**
     * The rates of one operating point, per label index {@code c}.
     *
     * @param tpr  true positive ratio {@code TP_c / n_ref_c}
     * @param fpr  false positives per hour, {@code FP_c · 3600 / total duration}
     * @param efpr {@code fpr_c + α_ct · mean_{o≠c} ctr[c][o]}, per hour
     * @param ctr  {@code ctr[c][o]}: cross-triggers of detections of {@code c} on ground truth
     *             of {@code o}, per hour of {@code o}'s ground truth ({@code CT · 3600 / t_ref_o});
     *             all 0 when α_ct = 0 (not counted)
     */
    record OperatingPointRates(double[] tpr, double[] fpr, double[] efpr, double[][] ctr) {
    }
}
