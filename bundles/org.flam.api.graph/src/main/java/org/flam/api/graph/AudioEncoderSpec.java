package org.flam.api.graph;

import org.flam.api.FrameGrid;

/**
 * What an {@link AudioEncoder} expects and produces: the audio and log-mel front end it was
 * built for, the clip length, and its frame rate and feature size.
 *
 * <p>The front end is fixed apart from these numbers (SPEC §1): mono audio at
 * {@link #sampleRate}, STFT with a periodic Hann window of {@link #window} samples and hop
 * {@link #hop}, centred with reflect padding, power spectrum, {@link #mels} Slaney-scale,
 * Slaney-normalised mel bands from {@link #fminHz} to {@link #fmaxHz}, then
 * {@code 10 * log10(max(x, 1e-10))} (dB). A clip of {@link #samplesPerClip()} samples gives
 * {@link #melFrames()} = {@code samplesPerClip / hop + 1} log-mel frames, and the encoder turns
 * them into {@link #framesPerClip} output frames.
 *
 * @param sampleRate    audio sample rate in Hz, {@code > 0}
 * @param window        STFT window (and FFT) length in samples, {@code > 0}
 * @param hop           STFT hop in samples, {@code > 0}
 * @param mels          number of mel bands, {@code > 0}
 * @param fminHz        lowest mel band edge in Hz, {@code >= 0}
 * @param fmaxHz        highest mel band edge in Hz, {@code fminHz < fmaxHz <= sampleRate / 2}
 * @param clipSeconds   clip length the encoder takes, seconds; {@code sampleRate * clipSeconds}
 *                      must be a whole number of samples
 * @param framesPerClip output frames {@code F} per clip, {@code > 0}
 * @param featureSize   frame feature size {@code H} (before projection), {@code > 0}
 */
public record AudioEncoderSpec(int sampleRate, int window, int hop, int mels, double fminHz,
        double fmaxHz, double clipSeconds, int framesPerClip, int featureSize) {

    /**
     * The reference encoder of the paper (LAION-CLAP's HTSAT, SPEC §1): 48 kHz, window 1024,
     * hop 480, 64 mels from 50 Hz to 14 kHz, 10 s clips (1001 log-mel frames), 32 frames per
     * clip (3.2 fps, 0.3125 s per frame), 768 features per frame.
     */
    public static final AudioEncoderSpec REFERENCE =
            new AudioEncoderSpec(48_000, 1024, 480, 64, 50.0, 14_000.0, 10.0, 32, 768);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the first field out of range
     */
    public AudioEncoderSpec {
        positive(sampleRate, "sampleRate");
        positive(window, "window");
        positive(hop, "hop");
        positive(mels, "mels");
        positive(framesPerClip, "framesPerClip");
        positive(featureSize, "featureSize");
        if (!(fminHz >= 0) || Double.isInfinite(fminHz)) {
            throw new IllegalArgumentException("fminHz must be finite and >= 0 Hz, got " + fminHz);
        }
        if (!(fmaxHz > fminHz && fmaxHz <= sampleRate / 2.0)) {
            throw new IllegalArgumentException("fmaxHz must be in (fminHz=" + fminHz
                    + ", sampleRate/2=" + sampleRate / 2.0 + "] Hz, got " + fmaxHz);
        }
        if (!(clipSeconds > 0) || Double.isInfinite(clipSeconds)) {
            throw new IllegalArgumentException(
                    "clipSeconds must be finite and > 0 s, got " + clipSeconds);
        }
        double samples = sampleRate * clipSeconds;
        if (Math.abs(samples - Math.rint(samples)) > 1e-6 * Math.max(1, samples)) {
            throw new IllegalArgumentException("clipSeconds must be a whole number of samples at "
                    + sampleRate + " Hz, got " + clipSeconds + " s = " + samples + " samples");
        }
    }

    /** Samples per clip, {@code sampleRate * clipSeconds} (480 000 for the reference). */
    public int samplesPerClip() {
        return (int) Math.rint(sampleRate * clipSeconds);
    }

    /**
     * Log-mel frames per clip, {@code samplesPerClip / hop + 1} with centred STFT
     * (1001 for the reference): the {@code time} size of the encoder input.
     */
    public int melFrames() {
        return samplesPerClip() / hop + 1;
    }

    /** Output frames per second, {@code framesPerClip / clipSeconds} (3.2 for the reference). */
    public double framesPerSecond() {
        return framesPerClip / clipSeconds;
    }

    /** The grid of one clip's output: {@link #framesPerSecond()}, {@link #framesPerClip} frames. */
    public FrameGrid frameGrid() {
        return FrameGrid.ofClip(framesPerClip, clipSeconds);
    }

    private static void positive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value);
        }
    }
}
