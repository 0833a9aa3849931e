package org.flam.metrics.internal.psds;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the PSDS metric (PID {@code org.flam.metrics.psds}); the defaults are PSDS
 * scenario 1 (SPEC §6). Each call's {@code parameters} override these values.
 */
@ObjectClassDefinition(name = "FLAM PSDS metric",
        description = "Polyphonic Sound Detection Score (Bilen et al., 2020) from frame scores, every distinct score a "
                + "threshold (as sed_scores_eval), or from detection tables (as psds_eval). Defaults: PSDS1.")
public @interface PsdsMetricConfiguration {

    @AttributeDefinition(name = "DTC",
            description = "Detection tolerance criterion: fraction of a detection that must intersect ground truth of "
                    + "its label for it to count as relevant (else it is a false positive), in [0, 1].")
    double dtc_threshold() default 0.7;

    @AttributeDefinition(name = "GTC",
            description = "Ground-truth intersection criterion: fraction of a ground-truth event that relevant "
                    + "detections must cover for it to count as detected, in [0, 1].")
    double gtc_threshold() default 0.7;

    @AttributeDefinition(name = "CTTC",
            description = "Cross-trigger tolerance criterion: fraction of an irrelevant detection that must intersect "
                    + "another label's ground truth to count as a cross-trigger on it, in [0, 1]; unused when "
                    + "alpha_ct is 0.")
    double cttc_threshold() default 0.3;

    @AttributeDefinition(name = "alpha_ct",
            description = "Weight of the mean cross-trigger rate (per hour of the other label's ground truth) added "
                    + "to the false positive rate per hour: eFPR = FPR + alpha_ct * mean CTR; in [0, 1].")
    double alpha_ct() default 0.0;

    @AttributeDefinition(name = "alpha_st",
            description = "Weight of the across-label standard deviation of TPR: eTPR = max(0, mean - alpha_st * "
                    + "std); >= 0.")
    double alpha_st() default 1.0;

    @AttributeDefinition(name = "Maximum eFPR",
            description = "Upper end of the PSD-ROC area in effective false positives per hour; PSDS is the area up "
                    + "to it divided by it; > 0.")
    double max_efpr() default 100.0;

    @AttributeDefinition(name = "Service name", description = "flam.name of this metric.")
    String flam_name() default PsdsMetric.NAME;
}
