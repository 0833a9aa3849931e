package org.flam.metrics.internal.segment;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the segment-based AUROC metric (PID {@code org.flam.metrics.auroc}). */
@ObjectClassDefinition(name = "FLAM segment-based AUROC",
        description = "Area under the segment-based ROC (segment score = max over overlapping frames), "
                + "mean over labels, as sed_scores_eval's segment_based.auroc.")
public @interface AurocMetricConfiguration {

    @AttributeDefinition(name = "Segment length",
            description = "Segment length in seconds (> 0); 0.3125 s is one frame of the reference encoder "
                    + "(SPEC §6). The per-call parameter segment_seconds overrides it.")
    double segmentSeconds() default 0.3125;

    @AttributeDefinition(name = "Maximum FPR",
            description = "Upper false positive rate of the area, in (0, 1]; the area is divided by it. "
                    + "1 is the full AUROC. The per-call parameter max_fpr overrides it.")
    double maxFpr() default 1.0;

    @AttributeDefinition(name = "Service name",
            description = "flam.name of this metric; also its result's name and the prefix of its values.")
    String flam_name() default AurocMetric.NAME;
}
