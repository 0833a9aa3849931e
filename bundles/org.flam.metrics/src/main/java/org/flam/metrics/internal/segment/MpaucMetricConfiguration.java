package org.flam.metrics.internal.segment;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the MPAUC metric (PID {@code org.flam.metrics.mpauc}). */
@ObjectClassDefinition(name = "FLAM MPAUC",
        description = "Partial area under the segment-based ROC (segment score = max over overlapping frames) "
                + "up to a maximum FPR, divided by that FPR (no McClish correction), mean over labels, as "
                + "sed_scores_eval's segment_based.auroc with max_fpr.")
public @interface MpaucMetricConfiguration {

    @AttributeDefinition(name = "Segment length",
            description = "Segment length in seconds (> 0); MPAUC uses 1 s (SPEC §6). "
                    + "The per-call parameter segment_seconds overrides it.")
    double segmentSeconds() default 1.0;

    @AttributeDefinition(name = "Maximum FPR",
            description = "Upper false positive rate of the partial area, in (0, 1]; the area is divided by it, "
                    + "so a perfect ROC gives 1. MPAUC uses 0.1 (SPEC §6). The per-call parameter max_fpr "
                    + "overrides it.")
    double maxFpr() default 0.1;

    @AttributeDefinition(name = "Service name",
            description = "flam.name of this metric; also its result's name and the prefix of its values.")
    String flam_name() default MpaucMetric.NAME;
}
