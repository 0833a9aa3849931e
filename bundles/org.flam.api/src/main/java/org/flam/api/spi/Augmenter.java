package org.flam.api.spi;

import java.util.random.RandomGenerator;

import org.flam.api.AudioClip;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A training-time data augmentation on one clip, in the waveform or the log-mel domain
 * ({@link #domain()}), e.g. the SPEC §5 down-sample-and-back-up of 30 % of clips (waveform)
 * or SpecAugment-style masking (log-mel).
 *
 * <p>All randomness, including whether to apply at all, comes from the
 * {@link RandomGenerator} passed in, never from a global or internal generator: the trainer
 * derives one per clip from its seed, so a run is reproducible and resumable. Given equal
 * inputs and equal generator states, an augmenter returns equal outputs.
 *
 * <p>Implementations are thread-safe (hold no mutable state), never modify their input, and
 * register {@link org.flam.api.FlamProperties#NAME flam.name}. Only the method of the
 * declared domain is called; the other keeps its default, which throws.
 */
@ConsumerType
public interface Augmenter {

    /** Where in the pipeline an augmenter works. */
    enum Domain {
        /** On mono samples in {@code [-1, 1]}, before the front end. */
        WAVEFORM,
        /** On log-mel spectrograms in dB ({@code 10 log10} power), after the front end. */
        LOG_MEL
    }

    /** The domain this augmenter works on; decides which method the trainer calls. */
    Domain domain();

    /**
     * Augments a waveform ({@link Domain#WAVEFORM}).
     *
     * @param clip   the input; not modified
     * @param random source of all randomness; used by this call only
     * @return a clip with the same id, sample rate and sample count, samples in
     *         {@code [-1, 1]} (clip or rescale rather than fail); may be {@code clip} itself
     *         when not applied (clips are immutable)
     * @throws UnsupportedOperationException if {@link #domain()} is not {@link Domain#WAVEFORM}
     */
    default AudioClip augmentWaveform(AudioClip clip, RandomGenerator random) {
        throw new UnsupportedOperationException(getClass().getName() + " works on " + domain());
    }

    /**
     * Augments a log-mel spectrogram ({@link Domain#LOG_MEL}).
     *
     * @param logMel {@code float[mels][time]} in dB; not modified
     * @param random source of all randomness; used by this call only
     * @return a new {@code float[mels][time]} of the same shape, owned by the caller (a copy
     *         even when not applied, so callers may modify it)
     * @throws UnsupportedOperationException if {@link #domain()} is not {@link Domain#LOG_MEL}
     */
    default float[][] augmentLogMel(float[][] logMel, RandomGenerator random) {
        throw new UnsupportedOperationException(getClass().getName() + " works on " + domain());
    }
}
