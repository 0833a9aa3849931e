package org.flam.metrics.internal.psds;

import java.util.Map;
import java.util.Objects;

import org.flam.api.spi.Metric;

/**
 * The parameters of PSDS (Bilen et al., ICASSP 2020), as {@code sed_scores_eval.psds} takes
 * them.
 *
 * @param dtc     detection tolerance criterion: a detection is relevant when at least this
 *                fraction of it intersects ground truth of its label, in {@code [0, 1]}
 * @param gtc     ground-truth intersection criterion: a ground-truth event is detected when at
 *                least this fraction of it is covered by relevant detections, in {@code [0, 1]}
 * @param cttc    cross-trigger tolerance criterion: an irrelevant detection is a cross-trigger
 *                on another label when at least this fraction of it intersects that label's
 *                ground truth, in {@code [0, 1]}; unused when {@code alphaCt = 0}
 * @param alphaCt weight of the mean cross-trigger rate in the effective FPR,
 *                {@code eFPR = FPR + alphaCt * mean(CTR)}, in {@code [0, 1]}
 * @param alphaSt weight of the across-label standard deviation,
 *                {@code eTPR = max(0, mean(TPR) - alphaSt * std(TPR))}, {@code >= 0}
 * @param maxEfpr upper end of the PSD-ROC area, effective false positives per hour, finite,
 *                {@code > 0}; PSDS is the area up to it divided by it
 */
record PsdsParameters(double dtc, double gtc, double cttc, double alphaCt, double alphaSt, double maxEfpr) {

    /** PSDS scenario 1 (SPEC §6): DTC 0.7, GTC 0.7, CTTC 0.3 (unused), α_ct 0, α_st 1, 100/h. */
    static final PsdsParameters PSDS1 = new PsdsParameters(0.7, 0.7, 0.3, 0.0, 1.0, 100.0);

    /** @throws IllegalArgumentException if a value is out of the range documented above */
    PsdsParameters {
        fraction(dtc, Metric.DTC_THRESHOLD);
        fraction(gtc, Metric.GTC_THRESHOLD);
        fraction(cttc, Metric.CTTC_THRESHOLD);
        fraction(alphaCt, Metric.ALPHA_CT);
        if (!(alphaSt >= 0) || Double.isInfinite(alphaSt)) {
            throw new IllegalArgumentException(Metric.ALPHA_ST + " must be finite and >= 0, got " + alphaSt);
        }
        if (!(maxEfpr > 0) || Double.isInfinite(maxEfpr)) {
            throw new IllegalArgumentException(Metric.MAX_EFPR + " must be finite and > 0 per hour, got " + maxEfpr);
        }
    }

    /** Whether cross-triggers are counted at all ({@code sed_scores_eval} counts none when α_ct = 0). */
    boolean countsCrossTriggers() {
        return alphaCt != 0;
    }

    /**
     * These parameters with {@code overrides} applied, keyed by the {@link Metric} constants
     * {@code dtc_threshold, gtc_threshold, cttc_threshold, alpha_ct, alpha_st, max_efpr}.
     *
     * @throws IllegalArgumentException if a key is unknown or a value out of range
     */
    PsdsParameters with(Map<String, Double> overrides) {
        Objects.requireNonNull(overrides, "parameters");
        double[] v = {dtc, gtc, cttc, alphaCt, alphaSt, maxEfpr};
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            int i = switch (e.getKey()) {
                case Metric.DTC_THRESHOLD -> 0;
                case Metric.GTC_THRESHOLD -> 1;
                case Metric.CTTC_THRESHOLD -> 2;
                case Metric.ALPHA_CT -> 3;
                case Metric.ALPHA_ST -> 4;
                case Metric.MAX_EFPR -> 5;
                default -> throw new IllegalArgumentException("unknown PSDS parameter \"" + e.getKey() + "\"; known: "
                        + String.join(", ", Metric.DTC_THRESHOLD, Metric.GTC_THRESHOLD, Metric.CTTC_THRESHOLD,
                                Metric.ALPHA_CT, Metric.ALPHA_ST, Metric.MAX_EFPR));
            };
            v[i] = Objects.requireNonNull(e.getValue(), e.getKey());
        }
        return new PsdsParameters(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static void fraction(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}
