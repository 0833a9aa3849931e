package org.flam.metrics.internal.frame;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the within-clip curve correlation (PID {@code org.flam.metrics.curve.correlation}). */
@ObjectClassDefinition(name = "FLAM within-clip curve correlation",
        description = "Per clip, the Pearson correlation between the frame-score curves of every pair of different "
                + "labels scored on it, averaged over pairs and then over clips; the same for the ground-truth frame "
                + "labels as a reference. High values mean the outputs hardly depend on the text.")
public @interface CurveCorrelationMetricConfiguration {

    @AttributeDefinition(name = "Service name",
            description = "flam.name of this metric; also its result's name and the prefix of its values.")
    String flam_name() default CurveCorrelationMetric.NAME;
}
