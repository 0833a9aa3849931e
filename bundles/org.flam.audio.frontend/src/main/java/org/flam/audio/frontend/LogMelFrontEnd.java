package org.flam.audio.frontend;

import java.util.Objects;

import org.flam.api.AudioClip;
import org.flam.audio.frontend.internal.MelFilterbank;
import org.flam.audio.frontend.internal.Stft;

/**
 * The log-mel front end of an audio encoder: samples in, {@code float[mels][frames]} dB out.
 *
 * <p>Per frame {@code t} and band {@code m}:
 * {@code L[m][t] = 10 log10(max(sum_k fb[k][m] |X_t(k)|^2, logFloor))}, where {@code X_t} is the
 * FFT of the {@code t}-th centred, reflect-padded, periodic-Hann-windowed frame and {@code fb}
 * the Slaney mel filterbank with Slaney normalisation. This is
 * {@code torchaudio.transforms.MelSpectrogram(..., window_fn=torch.hann_window, center=True,
 * pad_mode="reflect", power=2.0, norm="slaney", mel_scale="slaney")} followed by
 * {@code 10*log10(clamp(min=1e-10))}; the tests compare against values from torchaudio 0.13.1
 * (see this bundle's README for the tolerance).
 *
 * <p>Immutable and thread-safe: one instance may serve every thread of a data loader.
 */
public final class LogMelFrontEnd {

    private final LogMelSpec spec;
    private final Stft stft;
    private final MelFilterbank filterbank;

    /** Builds the window and filterbank for {@code spec}. */
    public LogMelFrontEnd(LogMelSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.stft = new Stft(spec.windowSamples(), spec.hopSamples());
        this.filterbank = new MelFilterbank(spec.frequencyBins(), spec.sampleRate(), spec.mels(), spec.fMinHz(),
                spec.fMaxHz());
    }

    /** The parameters. */
    public LogMelSpec spec() {
        return spec;
    }

    /** Frames for {@code samples} samples: {@code 1 + samples / hopSamples} (1001 for 10 s at 48 kHz). */
    public int frames(int samples) {
        return spec.frames(samples);
    }

    /**
     * The log-mel spectrogram of mono samples at {@code spec().sampleRate()}.
     *
     * @param samples mono samples, at least {@code windowSamples / 2 + 1} of them (reflect
     *                padding by half a window needs that many); not modified
     * @return {@code float[mels][frames(samples.length)]} in dB, each {@code >= 10 log10(logFloor)}
     * @throws IllegalArgumentException if there are too few samples
     */
    public float[][] compute(float[] samples) {
        Objects.requireNonNull(samples, "samples");
        int mels = filterbank.mels();
        float[][] out = new float[mels][frames(samples.length)];
        double floor = spec.logFloor();
        stft.powerSpectra(samples, (t, power) -> {
            for (int m = 0; m < mels; m++) {
                out[m][t] = (float) (10 * Math.log10(Math.max(filterbank.apply(m, power), floor)));
            }
        });
        return out;
    }

    /**
     * The log-mel spectrogram of a clip, which must already be at {@code spec().sampleRate()}
     * (resampling is the reader's job: {@code org.flam.audio.io}).
     *
     * @return {@code float[mels][frames(clip.sampleCount())]} in dB
     * @throws IllegalArgumentException if the clip's sample rate differs from the spec's, or
     *                                  the clip is too short (see {@link #compute(float[])})
     */
    public float[][] compute(AudioClip clip) {
        if (clip.sampleRate() != spec.sampleRate()) {
            throw new IllegalArgumentException("clip " + clip.id() + " is at " + clip.sampleRate()
                    + " Hz, this front end expects " + spec.sampleRate() + " Hz");
        }
        return compute(clip.samples());
    }
}
