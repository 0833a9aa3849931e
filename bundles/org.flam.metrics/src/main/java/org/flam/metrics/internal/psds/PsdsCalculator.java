package org.flam.metrics.internal.psds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.flam.metrics.internal.psds.PsdsResult.OperatingPointRates;

/**
 * From counts per label and operating point to rates, ROCs and PSDS (the part
 * {@code sed_scores_eval} and {@code psds_eval} share):
 * <pre>
 * TPR_c      = TP_c / max(n_ref_c, 1)
 * FPR_c      = FP_c · 3600 / (total duration in s)                 per hour
 * CTR_c,o    = CT_c,o · 3600 / max(t_ref_o, 1e-12 s)               per hour of o's ground truth
 * eFPR_c     = FPR_c + α_ct · mean_{o ≠ c} CTR_c,o                 (FPR_c when α_ct = 0)
 * eTPR(x)    = max(0, mean_c TPR_c(x) - α_st · std_c TPR_c(x))     on the union of eFPR points
 * PSDS       = ∫_0^max eTPR(x) dx / max                            staircase area
 * </pre>
 * The cross-trigger mean runs over the other labels only, as {@code sed_scores_eval} has it;
 * {@code psds_eval} averages over all labels including the label itself (whose CTR is 0), so
 * with α_ct > 0 its cross-trigger term is smaller by the factor {@code (K - 1) / K}.
 */
final class PsdsCalculator {

    private static final double SECONDS_PER_HOUR = 3600;
    /** sed_scores_eval's floor on t_ref_o, so a label without ground truth gives no division by 0. */
    private static final double MIN_REFERENCE_SECONDS = 1e-12;

    private PsdsCalculator() {
    }

    /**
     * Counts of one label over its operating points; every array has one entry per operating
     * point, the last of which must be the empty detection (all counts 0).
     *
     * @param tp true positives (ground-truth events detected)
     * @param fp false positives (detections failing the DTC)
     * @param ct {@code ct[o]}: cross-triggers on label {@code o}, or {@code null} when
     *           cross-triggers are not counted ({@code ct[c]} of the label itself is ignored)
     */
    record LabelCounts(int[] tp, int[] fp, int[][] ct) {
    }

    /**
     * @param labels     sorted labels; index {@code c} of {@code counts}
     * @param counts     per label its counts
     * @param gt         ground truth for {@code n_ref} and {@code t_ref}
     * @param seconds    total duration of the evaluated files, {@code > 0}
     * @param parameters α_ct, α_st and max eFPR
     * @param reported   how many leading operating points to report rates for (0 for frame
     *                   scores; the number of detection tables otherwise)
     */
    static PsdsResult compute(List<String> labels, List<LabelCounts> counts, GroundTruthIndex gt, double seconds,
            PsdsParameters parameters, int reported) {
        int k = labels.size();
        double[] referenceSeconds = labels.stream().mapToDouble(l -> Math.max(gt.duration(l), MIN_REFERENCE_SECONDS))
                .toArray();
        double[][] tpr = new double[k][];
        double[][] fpr = new double[k][];
        double[][] efpr = new double[k][];
        double[][][] ctr = new double[k][k][];
        List<PsdRoc> rocs = new ArrayList<>();
        double[] labelPsds = new double[k];
        for (int c = 0; c < k; c++) {
            LabelCounts lc = counts.get(c);
            int n = lc.tp().length;
            int references = Math.max(gt.count(labels.get(c)), 1);
            tpr[c] = new double[n];
            fpr[c] = new double[n];
            efpr[c] = new double[n];
            for (int o = 0; o < k; o++) {
                ctr[c][o] = new double[n];
            }
            for (int i = 0; i < n; i++) {
                tpr[c][i] = (double) lc.tp()[i] / references;
                fpr[c][i] = lc.fp()[i] * SECONDS_PER_HOUR / seconds;
                double crossMean = 0;
                if (lc.ct() != null && k > 1) {
                    for (int o = 0; o < k; o++) {
                        if (o != c) {
                            ctr[c][o][i] = lc.ct()[o][i] * SECONDS_PER_HOUR / referenceSeconds[o];
                            crossMean += ctr[c][o][i];
                        }
                    }
                    crossMean /= k - 1;
                }
                efpr[c][i] = fpr[c][i] + parameters.alphaCt() * crossMean;
            }
            PsdRoc roc = PsdRoc.ofOperatingPoints(efpr[c], tpr[c], parameters.maxEfpr());
            rocs.add(roc);
            labelPsds[c] = roc.normalizedArea(parameters.maxEfpr());
        }
        PsdRoc combined = PsdRoc.combine(rocs, parameters.alphaSt(), parameters.maxEfpr());
        List<OperatingPointRates> rates = new ArrayList<>();
        for (int i = 0; i < reported; i++) {
            int op = i;
            double[][] ctrAt = new double[k][k];
            for (int c = 0; c < k; c++) {
                for (int o = 0; o < k; o++) {
                    ctrAt[c][o] = ctr[c][o][op];
                }
            }
            rates.add(new OperatingPointRates(column(tpr, op), column(fpr, op), column(efpr, op), ctrAt));
        }
        return new PsdsResult(combined.normalizedArea(parameters.maxEfpr()), List.copyOf(labels), combined,
                List.copyOf(rocs), labelPsds, List.copyOf(rates));
    }

    private static double[] column(double[][] perLabel, int i) {
        return Arrays.stream(perLabel).mapToDouble(row -> row[i]).toArray();
    }
}
