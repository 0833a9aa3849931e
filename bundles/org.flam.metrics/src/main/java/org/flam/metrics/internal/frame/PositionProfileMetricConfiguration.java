package org.flam.metrics.internal.frame;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the positive-frame profile by position (PID {@code org.flam.metrics.position.profile}). */
@ObjectClassDefinition(name = "FLAM positive-frame probability by frame position",
        description = "For each frame index, the mean score over frames that are positive in the ground truth, and "
                + "the ratios of the first two and last two frames to the mid-clip mean, so that a suppression of "
                + "outputs at the clip edges shows as numbers.")
public @interface PositionProfileMetricConfiguration {

    @AttributeDefinition(name = "Service name",
            description = "flam.name of this metric; also its result's name and the prefix of its values.")
    String flam_name() default PositionProfileMetric.NAME;
}
