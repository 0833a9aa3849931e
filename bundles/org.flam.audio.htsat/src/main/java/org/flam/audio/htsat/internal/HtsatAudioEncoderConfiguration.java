package org.flam.audio.htsat.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the HTSAT audio encoder (PID {@code org.flam.audio.htsat}). Optional: without
 * one the component is HTSAT-tiny on the reference front end (AudioEncoderSpec.REFERENCE).
 */
@ObjectClassDefinition(name = "FLAM HTSAT audio encoder",
        description = "HTSAT (LAION-CLAP's hierarchical token-semantic audio transformer) as an audio encoder graph"
                + " builder: bn0 over mel bins, log-mel folded into a square image, patch embedding, Swin"
                + " transformer stages with shifted windows and patch merging, final norm, mean over the"
                + " remaining frequency rows. Defaults are HTSAT-tiny: 64 mels x 1001 frames -> 32 frames x 768.")
public @interface HtsatAudioEncoderConfiguration {

    @AttributeDefinition(name = "Sample rate", description = "Audio sample rate in Hz of the front end (reference 48000).",
            min = "1")
    int sampleRate() default 48_000;

    @AttributeDefinition(name = "STFT window", description = "STFT window and FFT length in samples (reference 1024).",
            min = "1")
    int stftWindow() default 1024;

    @AttributeDefinition(name = "Hop", description = "STFT hop in samples (reference 480, 10 ms at 48 kHz).", min = "1")
    int hop() default 480;

    @AttributeDefinition(name = "Mel bands", description = "Mel bands of the log-mel input (reference 64). imageSize"
            + " must be a multiple of it: the frequency ratio (how many time chunks are stacked into the image"
            + " rows) is imageSize / mels.", min = "1")
    int mels() default 64;

    @AttributeDefinition(name = "Lowest mel edge", description = "Lowest mel band edge in Hz (reference 50).")
    double fminHz() default 50.0;

    @AttributeDefinition(name = "Highest mel edge", description = "Highest mel band edge in Hz (reference 14000).")
    double fmaxHz() default 14_000.0;

    @AttributeDefinition(name = "Clip length", description = "Clip length in seconds (reference 10). Its log-mel"
            + " frames (samples / hop + 1) must not exceed imageSize * imageSize / mels; fewer are stretched"
            + " to that length by bicubic interpolation (align corners), as the reference does.")
    double clipSeconds() default 10.0;

    @AttributeDefinition(name = "Image size", description = "Side of the square image the log-mel is folded into"
            + " (reference spec_size 256: 64 mels x 4 time chunks of 256 frames).", min = "1")
    int imageSize() default 256;

    @AttributeDefinition(name = "Patch size", description = "Side of the square patches, equal to their stride"
            + " (reference 4); a multiple of imageSize's divisor chain: imageSize / patchSize tokens per side.",
            min = "1")
    int patchSize() default 4;

    @AttributeDefinition(name = "Embedding size", description = "Channels after the patch embedding (reference 96);"
            + " doubled by every patch merging, so the feature size is embedDim * 2^(stages - 1).", min = "1")
    int embedDim() default 96;

    @AttributeDefinition(name = "Depths", description = "Swin blocks per stage (reference 2, 2, 6, 2); odd blocks"
            + " use shifted windows where the map is larger than a window.")
    int[] depths() default {2, 2, 6, 2};

    @AttributeDefinition(name = "Heads", description = "Attention heads per stage, one per entry of depths"
            + " (reference 4, 8, 16, 32); each must divide that stage's channels.")
    int[] heads() default {4, 8, 16, 32};

    @AttributeDefinition(name = "Window", description = "Attention window side in tokens (reference 8); shift is"
            + " window / 2. A stage whose map is not larger than the window uses one window over the whole map"
            + " and no shift.", min = "1")
    int windowSize() default 8;

    @AttributeDefinition(name = "MLP ratio", description = "Hidden size of each block's MLP over its channels"
            + " (reference 4).", min = "0")
    double mlpRatio() default 4.0;

    @AttributeDefinition(name = "Frames per clip", description = "Output frames per clip the assembly expects"
            + " (reference 32, 3.2 per second). Checked against the geometry: (imageSize / mels) *"
            + " imageSize / patchSize / 2^(stages - 1); a mismatch fails activation.", min = "1")
    int framesPerClip() default 32;

    @AttributeDefinition(name = "bn0 running mean", description = "Initial running mean (dB) of bn0 for every"
            + " mel bin (reference initial statistics: 0). bn0 runs with fixed statistics (inference mode);"
            + " they are graph constants, replaced by loaded weights.")
    double bnRunningMean() default 0.0;

    @AttributeDefinition(name = "bn0 running variance", description = "Initial running variance (dB^2) of bn0 for"
            + " every mel bin (reference initial statistics: 1).", min = "0")
    double bnRunningVariance() default 1.0;

    @AttributeDefinition(name = "Seed", description = "Seed of the weight initialisation: the same seed gives identical"
            + " initial weights (each variable draws from its own generator seeded by this seed and its name), whatever"
            + " else used ND4J's global random generator before. A training job sets it in its configuration.")
    long seed() default 0L;

    @AttributeDefinition(name = "Service name", description = "flam.name of this encoder.")
    String flam_name() default HtsatAudioEncoder.NAME;
}
