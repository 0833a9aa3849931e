package org.flam.train.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the trainer (PID {@code org.flam.train}); see the bundle README. */
@ObjectClassDefinition(name = "FLAM trainer",
        description = "Assembles the configured audio encoder, heads, losses and text encoder into one SameDiff graph and trains it with Adam (SPEC 5).")
public @interface FlamTrainerConfiguration {

    @AttributeDefinition(name = "Audio encoder", description = "Filter choosing the AudioEncoder service, e.g. (flam.name=cnn).")
    String encoder_target() default "(flam.name=cnn)";

    @AttributeDefinition(name = "Heads", description = "Filter choosing the ModelHeads service.")
    String heads_target() default "(flam.name=mlp)";

    @AttributeDefinition(name = "Losses", description = "Filter choosing every Loss service to train with; their terms are summed. Stage 1 (FLAM-Global): (flam.name=softmax). Stage 2 (FLAM): (|(flam.name=softmax)(flam.name=flam)).")
    String losses_target() default "(flam.name=softmax)";

    @AttributeDefinition(name = "Text encoder", description = "Filter choosing the frozen TextEncoder whose features feed the heads.")
    String textEncoder_target() default "(flam.name=minilm)";

    @AttributeDefinition(name = "Augmenters", description = "Filter choosing the Augmenter services applied to every training clip (waveform ones first, then log-mel ones), e.g. (|(flam.name=resample)(flam.name=specaugment)). The default matches none.")
    String augmenters_target() default "(flam.name=none)";

    @AttributeDefinition(name = "Peak learning rate", description = "Adam learning rate after warm-up.", min = "0")
    double learningRate() default 1e-3;

    @AttributeDefinition(name = "Warm-up steps", description = "Steps of the cosine warm-up from 0 to the peak learning rate; then it decays linearly to finalLearningRateFraction x peak at the last step.", min = "0")
    int warmupSteps() default 100;

    @AttributeDefinition(name = "Final learning-rate fraction", description = "Learning rate at the last step as a fraction of the peak.", min = "0", max = "1")
    double finalLearningRateFraction() default 0.0;

    @AttributeDefinition(name = "Adam beta1", description = "Decay of the first-moment estimate.", min = "0", max = "1")
    double beta1() default 0.9;

    @AttributeDefinition(name = "Adam beta2", description = "Decay of the second-moment estimate.", min = "0", max = "1")
    double beta2() default 0.999;

    @AttributeDefinition(name = "Adam epsilon", description = "Added to the root of the second moment.", min = "0")
    double epsilon() default 1e-8;

    @AttributeDefinition(name = "Weight decay", description = "Decoupled weight decay (AdamW) per step, multiplied by the learning rate; 0 turns it off.", min = "0")
    double weightDecay() default 0.0;

    @AttributeDefinition(name = "Gradient clipping", description = "Largest global L2 norm of the gradient; larger gradients are scaled down to it. 0 turns clipping off.", min = "0")
    double maxGradientNorm() default 5.0;

    @AttributeDefinition(name = "Caption-audio pair fraction", description = "Fraction of each batch drawn from the corpus's event recordings with their captions (global losses only); the rest are frame-labelled mixtures. Needs corpus.", min = "0", max = "1")
    double pairFraction() default 0.25;

    @AttributeDefinition(name = "Tag replacement probability", description = "Probability that a caption is replaced by one of its recording's tags (SPEC 5: 0.5). Needs corpus.", min = "0", max = "1")
    double tagReplacementProbability() default 0.5;

    @AttributeDefinition(name = "Text slots per clip", description = "Text slots K = slots x batch size (SPEC 2.3: 5).", min = "1")
    int textSlotsPerClip() default 5;

    @AttributeDefinition(name = "Vocabulary negatives", description = "Fill the text slots the batch's captions leave free with texts of the training vocabulary that describe no clip of the batch (all-negative for every clip), so each clip meets K texts instead of a few. false leaves them padding.")
    boolean vocabularyNegatives() default true;
    @AttributeDefinition(name = "Hard-negative fraction", description = "Share of the vocabulary negatives drawn among the 16 texts nearest (cosine of their text features) to a caption of the batch, from other label groups; the rest are drawn uniformly.", min = "0", max = "1")
    double hardNegativeFraction() default 0.5;
    @AttributeDefinition(name = "Held-out fraction", description = "With fresh mixtures (the data is a corpus): fraction of recordings held out by a hash of their path (CorpusSplit), as flam synth's heldoutFraction; a mixtures directory states its own.", min = "0", max = "1")
    double heldoutFraction() default 0.05;
    @AttributeDefinition(name = "Zero-shot group fraction", description = "With fresh mixtures: fraction of label groups held out whole by a hash of the group (CorpusSplit), as flam synth's zeroShotGroupFraction; a mixtures directory states its own.", min = "0", max = "1")
    double zeroShotGroupFraction() default org.flam.data.corpus.CorpusSplit.ZERO_SHOT_GROUP_FRACTION;
    @AttributeDefinition(name = "Mixture synthesizer", description = "Filter choosing the MixtureSynthesizer that makes a fresh mixture for every clip slot of every step when the data is a corpus. Its sampleRate and clipSeconds must be the encoder's.")
    String synthesizer_target() default "(flam.name=flam-mixture)";
    @AttributeDefinition(name = "Batch-preparation threads", description = "Threads that build the next batches (decoding, synthesizing fresh mixtures, log-mel) while the current step runs; as many batches are prepared ahead. 2 on a 2-core machine keeps both cores busy when preparing a batch of fresh mixtures takes longer than a step.", min = "1")
    int prefetchThreads() default 2;
    @AttributeDefinition(name = "Text chunk size", description = "0: text-separable losses (the frame-wise loss) run inside the model graph. n > 0: they run outside it on chunks of n text slots with gradients accumulated (SPEC 2.4), so their peak memory grows with n, not with K.", min = "0")
    int textChunkSize() default 0;

    @AttributeDefinition(name = "Corpus", description = "Corpus index (corpus.tsv) of the mixtures: source of caption-audio pairs and of tags for tag replacement. Empty: mixtures only, no tag replacement.")
    String corpus() default "";

    @AttributeDefinition(name = "Checkpoint interval", description = "Steps between checkpoints (also written on interruption and at the end).", min = "1")
    int checkpointEverySteps() default 200;

    @AttributeDefinition(name = "Checkpoints kept", description = "Newest checkpoints kept; older ones are deleted after a new one is complete.", min = "1")
    int keepCheckpoints() default 2;

    @AttributeDefinition(name = "Progress interval", description = "Steps between progress reports.", min = "1")
    int reportEverySteps() default 10;

    @AttributeDefinition(name = "Native memory collection", description = "Steps between explicit garbage collections. ND4J frees a native array when its small Java object is collected, which the JVM does rarely for so little heap; without this the resident set of a training run grew by about 20 MB per step. 0 turns it off.", min = "0")
    int gcEverySteps() default 25;

    @AttributeDefinition(name = "Audio cache", description = "MiB of decoded log-mel spectrograms kept in memory across steps.", min = "0")
    int cacheMegabytes() default 3072;
}
