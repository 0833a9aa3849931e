package org.flam.metrics.internal.ranking;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Spearman alignment metric (PID {@code org.flam.metrics.spearman}). */
@ObjectClassDefinition(name = "FLAM Spearman alignment",
        description = "Per captioned event, Spearman's rank correlation between a label's frame outputs and its "
                + "binary frame ground truth over the clip; the mean over events (SPEC §6).")
public @interface SpearmanMetricConfiguration {

    @AttributeDefinition(name = "Service name",
            description = "flam.name of this metric; also its result's name and the prefix of its values.")
    String flam_name() default SpearmanMetric.NAME;
}
