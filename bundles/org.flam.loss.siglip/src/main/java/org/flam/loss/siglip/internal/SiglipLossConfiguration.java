package org.flam.loss.siglip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the SigLIP loss (PID {@code org.flam.loss.siglip}). */
@ObjectClassDefinition(name = "FLAM SigLIP loss",
        description = "Pairwise sigmoid loss (SigLIP) on global embeddings, SPEC 2.2: logits exp(t')<a_i,e_k> + b"
                + " with learnable t' and b; owned pairs positive, all other real pairs negative. Term name 'global'.")
public @interface SiglipLossConfiguration {

    @AttributeDefinition(name = "Initial logit scale",
            description = "Initial scale exp(t') > 0: t' starts at its logarithm (SigLIP: 10, t' = ln 10)."
                    + " Only the start value; loaded weights override it. Not clamped.", min = "0")
    double initialLogitScale() default SiglipLoss.INITIAL_LOGIT_SCALE;

    @AttributeDefinition(name = "Initial logit bias",
            description = "Initial bias b (SigLIP: -10), so that the many negative pairs start with a small loss.")
    double initialLogitBias() default SiglipLoss.INITIAL_LOGIT_BIAS;

    @AttributeDefinition(name = "Service name", description = "flam.name of this loss.")
    String flam_name() default SiglipLoss.NAME;
}
