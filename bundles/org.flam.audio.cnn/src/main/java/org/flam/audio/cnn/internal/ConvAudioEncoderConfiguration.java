package org.flam.audio.cnn.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the 1-D convolutional audio encoder (PID {@code org.flam.audio.cnn}). */
@ObjectClassDefinition(name = "FLAM 1-D convolutional audio encoder",
        description = "CPU default audio encoder g_a (SPEC 1): log-mel in dB [B, mels, time] -> frame features [B, F, H]."
                + " 1-D convolutions over time with the mel bins as channels: resampling to F*2^n frames,"
                + " n stride-2 stages with a residual convolution each, dilated residual context blocks,"
                + " a 1x1 projection to H and a layer norm over channels. Every attribute has a default.")
public @interface ConvAudioEncoderConfiguration {

    @AttributeDefinition(name = "Sample rate", description = "Audio sample rate of the front end in Hz.", min = "1")
    int sampleRate() default ConvAudioEncoder.DEFAULT_SAMPLE_RATE;

    @AttributeDefinition(name = "STFT window", description = "STFT window (and FFT) length in samples.", min = "1")
    int window() default ConvAudioEncoder.DEFAULT_WINDOW;

    @AttributeDefinition(name = "STFT hop", description = "STFT hop in samples (160 at 16 kHz = 10 ms per log-mel frame).", min = "1")
    int hop() default ConvAudioEncoder.DEFAULT_HOP;

    @AttributeDefinition(name = "Mel bands", description = "Number of mel bands: the input channels of the first convolution.", min = "1")
    int mels() default ConvAudioEncoder.DEFAULT_MELS;

    @AttributeDefinition(name = "Lowest mel edge", description = "Lowest mel band edge in Hz.", min = "0")
    double fminHz() default ConvAudioEncoder.DEFAULT_FMIN_HZ;

    @AttributeDefinition(name = "Highest mel edge", description = "Highest mel band edge in Hz, at most sampleRate / 2.")
    double fmaxHz() default ConvAudioEncoder.DEFAULT_FMAX_HZ;

    @AttributeDefinition(name = "Clip length", description = "Clip length in seconds the encoder takes"
            + " (10 s at 16 kHz, hop 160: 1001 log-mel frames).")
    double clipSeconds() default ConvAudioEncoder.DEFAULT_CLIP_SECONDS;

    @AttributeDefinition(name = "Frames per clip", description = "Output frames F per clip (32: 3.2 frames/s,"
            + " 0.3125 s each; 128 also works). The encoder uses n = round(log2(clip hops / F)) >= 1 stride-2"
            + " stages, so F may be at most about 0.7 x the clip's log-mel hops.", min = "1")
    int framesPerClip() default ConvAudioEncoder.DEFAULT_FRAMES_PER_CLIP;

    @AttributeDefinition(name = "Feature size", description = "Frame feature size H (before projection by the heads).", min = "1")
    int featureSize() default ConvAudioEncoder.DEFAULT_FEATURE_SIZE;

    @AttributeDefinition(name = "Stem channels", description = "Channels of the first stride-2 stage"
            + " (the most expensive one: it runs at half the resampled frame rate).", min = "1")
    int stemChannels() default ConvAudioEncoder.DEFAULT_STEM_CHANNELS;

    @AttributeDefinition(name = "Channels", description = "Channels of every later stage and of the context blocks.", min = "1")
    int channels() default ConvAudioEncoder.DEFAULT_CHANNELS;

    @AttributeDefinition(name = "Context blocks", description = "Residual kernel-3 convolutions at the output frame rate"
            + " with dilations 1, 2, 4, ...: each adds 2^j output frames of context on each side.", min = "0")
    int contextBlocks() default ConvAudioEncoder.DEFAULT_CONTEXT_BLOCKS;

    @AttributeDefinition(name = "Input offset (dB)", description = "Fixed input normalisation (x + offset) / scale"
            + " applied to the log-mel dB values before the learnable per-mel affine; 50 maps the -100 dB floor to -1"
            + " and 0 dB to +1 with scale 50.")
    double inputOffsetDb() default ConvAudioEncoder.DEFAULT_INPUT_OFFSET_DB;

    @AttributeDefinition(name = "Input scale (dB)", description = "Fixed input normalisation divisor, see the offset; > 0.")
    double inputScaleDb() default ConvAudioEncoder.DEFAULT_INPUT_SCALE_DB;

    @AttributeDefinition(name = "Seed", description = "Seed of the weight initialisation: the same seed gives identical"
            + " initial weights (each variable draws from its own generator seeded by this seed and its name).")
    long seed() default 0L;

    @AttributeDefinition(name = "Service name", description = "flam.name of this encoder.")
    String flam_name() default ConvAudioEncoder.NAME;
}
