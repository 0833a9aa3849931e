package org.flam.metrics.internal.segment;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the collar-based F1 metric (PID {@code org.flam.metrics.f1.collar}). */
@ObjectClassDefinition(name = "FLAM collar-based F1",
        description = "Collar-based (event-based) F1 at a threshold and F1 against threshold, as "
                + "sed_scores_eval's collar_based.fscore; defaults are the DCASE ones (0.2 s, 0.2 s, 20 %).")
public @interface CollarF1MetricConfiguration {

    @AttributeDefinition(name = "Threshold",
            description = "Decision threshold on frame scores: events are the runs of frames scoring strictly "
                    + "above it. The per-call parameter threshold overrides it.")
    double threshold() default 0.5;

    @AttributeDefinition(name = "Onset collar",
            description = "Allowed onset deviation in seconds (>= 0). Parameter onset_collar overrides it.")
    double onsetCollar() default 0.2;

    @AttributeDefinition(name = "Offset collar",
            description = "Least allowed offset deviation in seconds (>= 0). Parameter offset_collar overrides it.")
    double offsetCollar() default 0.2;

    @AttributeDefinition(name = "Offset collar rate",
            description = "Least allowed offset deviation as a fraction of the ground-truth event's length (>= 0); "
                    + "the tolerance is max(offset collar, rate x length). Parameter offset_collar_rate overrides it.")
    double offsetCollarRate() default 0.2;

    @AttributeDefinition(name = "Service name",
            description = "flam.name of this metric; also its result's name and the prefix of its values.")
    String flam_name() default CollarF1Metric.NAME;
}
