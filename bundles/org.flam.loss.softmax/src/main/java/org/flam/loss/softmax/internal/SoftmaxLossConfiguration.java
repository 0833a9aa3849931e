package org.flam.loss.softmax.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the softmax (InfoNCE) loss (PID {@code org.flam.loss.softmax}). */
@ObjectClassDefinition(name = "FLAM softmax loss",
        description = "Symmetric InfoNCE (CLIP/CLAP) on global embeddings, SPEC 2.1: logits t<a_i,e_k> with a"
                + " learnable t = exp(tau), tau clamped to at most ln(max logit scale). Term name 'global'.")
public @interface SoftmaxLossConfiguration {

    @AttributeDefinition(name = "Initial temperature",
            description = "Initial temperature T0 > 0: tau starts at ln(1/T0), so t = 1/T0 (CLIP: 0.07, t = 14.29)."
                    + " Only the start value; loaded weights override it.", min = "0")
    double initialTemperature() default SoftmaxLoss.INITIAL_TEMPERATURE;

    @AttributeDefinition(name = "Maximum logit scale",
            description = "Clamp of the logit scale: t = exp(min(tau, ln(max))) <= max (CLIP: 100). Above the clamp"
                    + " tau gets no gradient.", min = "0")
    double maxLogitScale() default SoftmaxLoss.MAX_LOGIT_SCALE;

    @AttributeDefinition(name = "Service name", description = "flam.name of this loss.")
    String flam_name() default SoftmaxLoss.NAME;
}
