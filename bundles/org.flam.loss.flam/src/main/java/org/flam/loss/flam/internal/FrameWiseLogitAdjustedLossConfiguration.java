package org.flam.loss.flam.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the FLAM frame-wise loss (PID {@code org.flam.loss.flam}). */
@ObjectClassDefinition(name = "FLAM frame-wise logit-adjusted loss",
        description = "Frame-wise sigmoid loss with a per-text scale and a stop-gradient bias (term 'sed', weighted by lambda_SED) plus the prior loss that trains the bias (term 'prior'); SPEC 2.3-2.4.")
public @interface FrameWiseLogitAdjustedLossConfiguration {

    @AttributeDefinition(name = "lambda_SED",
            description = "Weight of the frame-wise term: the 'sed' term is lambda_SED * L_SED (200 in the reference).",
            min = "0")
    double lambdaSed() default FrameWiseLogitAdjustedLoss.DEFAULT_LAMBDA_SED;

    @AttributeDefinition(name = "Text chunk size",
            description = "Texts per chunk of the frame-wise term: the loss is built as a sum over chunks of this many text slots, so no single op holds the whole [B, F, K] logit tensor.",
            min = "1")
    int chunkSize() default FrameWiseLogitAdjustedLoss.DEFAULT_CHUNK_SIZE;

    @AttributeDefinition(name = "Text slots per clip",
            description = "Text slots per clip of the batch (K = slots x B, SPEC 2.3); used to size the chunks when the graph leaves K dynamic but B static.",
            min = "1")
    int textSlotsPerClip() default FrameWiseLogitAdjustedLoss.DEFAULT_TEXT_SLOTS_PER_CLIP;

    @AttributeDefinition(name = "Service name", description = "flam.name of this loss.")
    String flam_name() default FrameWiseLogitAdjustedLoss.NAME;
}
