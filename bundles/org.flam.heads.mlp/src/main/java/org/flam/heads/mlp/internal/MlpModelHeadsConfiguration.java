package org.flam.heads.mlp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the MLP heads (PID {@code org.flam.heads.mlp}). */
@ObjectClassDefinition(name = "FLAM MLP heads",
        description = "SPEC 1 heads: audio and text projections Linear(in, D) - ReLU - Linear(D, D) + L2 normalisation"
                + " (global embedding = projection of the mean over frames), per-text logit bias"
                + " Linear(Ht, Ht) - GELU - Linear(Ht, 1) (last bias -8) and logit scale of the same shape, exp'ed"
                + " (last bias ln 10). Sizes are configured and checked against the inputs' static shapes.")
public @interface MlpModelHeadsConfiguration {

    @AttributeDefinition(name = "Embedding size", description = "Joint embedding size D (256 for the CPU model, 512 in the reference).", min = "1")
    int embeddingSize() default MlpModelHeads.DEFAULT_EMBEDDING_SIZE;

    @AttributeDefinition(name = "Audio feature size", description = "Frame feature size H of the audio encoder"
            + " (its spec's featureSize; 256 for the cnn encoder). Must match the last axis of the frame features.", min = "1")
    int audioFeatureSize() default MlpModelHeads.DEFAULT_AUDIO_FEATURE_SIZE;

    @AttributeDefinition(name = "Text feature size", description = "Text feature size Ht (384 for MiniLM-L6)."
            + " Must match the last axis of the text features; also the hidden size of the scale and bias MLPs.", min = "1")
    int textFeatureSize() default MlpModelHeads.DEFAULT_TEXT_FEATURE_SIZE;

    @AttributeDefinition(name = "Seed", description = "Seed of the weight initialisation: the same seed gives identical"
            + " initial weights (each variable draws from its own generator seeded by this seed and its name).")
    long seed() default 0L;

    @AttributeDefinition(name = "Service name", description = "flam.name of these heads.")
    String flam_name() default MlpModelHeads.NAME;
}
