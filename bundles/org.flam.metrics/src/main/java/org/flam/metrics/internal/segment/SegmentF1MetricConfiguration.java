package org.flam.metrics.internal.segment;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the segment-based F1 metric (PID {@code org.flam.metrics.f1.segment}). */
@ObjectClassDefinition(name = "FLAM segment-based F1",
        description = "Segment-based F1 at a threshold (segment score = max over overlapping frames, detected "
                + "where score > threshold) and F1 against threshold, as sed_scores_eval's segment_based.fscore.")
public @interface SegmentF1MetricConfiguration {

    @AttributeDefinition(name = "Threshold",
            description = "Decision threshold on scores: a segment is detected where its score is strictly greater. "
                    + "The per-call parameter threshold overrides it.")
    double threshold() default 0.5;

    @AttributeDefinition(name = "Segment length",
            description = "Segment length in seconds (> 0). The per-call parameter segment_seconds overrides it.")
    double segmentSeconds() default 1.0;

    @AttributeDefinition(name = "Service name",
            description = "flam.name of this metric; also its result's name and the prefix of its values.")
    String flam_name() default SegmentF1Metric.NAME;
}
