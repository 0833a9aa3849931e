package org.flam.audio.frontend;

/**
 * Parameters of a log-mel front end; each audio encoder states its own.
 *
 * <p>The transform (see {@link LogMelFrontEnd}): frames of {@code windowSamples} samples
 * every {@code hopSamples}, centred (the signal is reflect-padded by
 * {@code windowSamples / 2} on both sides), a periodic Hann window, power spectrum
 * {@code |X_k|^2} on {@code windowSamples / 2 + 1} bins, {@code mels} Slaney-scale triangular
 * filters from {@code fMinHz} to {@code fMaxHz} with Slaney area normalisation, then
 * {@code 10 log10(max(power, logFloor))} dB.
 *
 * @param sampleRate    sample rate the front end expects, Hz, {@code > 0}
 * @param windowSamples STFT window length and FFT size ({@code n_fft}), samples; even and
 *                      {@code >= 2} (an odd size would change the frame count under centring)
 * @param hopSamples    samples between frame starts, {@code >= 1}
 * @param mels          number of mel bands, {@code >= 1}
 * @param fMinHz        lower edge of the lowest mel filter, Hz, {@code >= 0}
 * @param fMaxHz        upper edge of the highest mel filter, Hz, {@code fMinHz < fMaxHz <= sampleRate / 2}
 * @param logFloor      power below which the log is clamped, {@code > 0} (1e-10, i.e. -100 dB,
 *                      by default)
 */
public record LogMelSpec(int sampleRate, int windowSamples, int hopSamples, int mels,
        double fMinHz, double fMaxHz, double logFloor) {

    /** Default clamp of the power before the log: {@code 1e-10}, i.e. a floor of -100 dB. */
    public static final double DEFAULT_LOG_FLOOR = 1e-10;

    /**
     * The reference front end of SPEC §1 (LAION-CLAP / HTSAT): 48 kHz, window 1024, hop 480
     * (100 frames per second; 1001 frames for 10 s), 64 mels from 50 to 14 000 Hz, floor 1e-10.
     */
    public static final LogMelSpec REFERENCE = new LogMelSpec(48_000, 1024, 480, 64, 50, 14_000);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a parameter is out of the range documented above
     */
    public LogMelSpec {
        positive(sampleRate, "sampleRate");
        if (windowSamples < 2 || windowSamples % 2 != 0) {
            throw new IllegalArgumentException("windowSamples must be even and >= 2, got " + windowSamples);
        }
        positive(hopSamples, "hopSamples");
        positive(mels, "mels");
        if (!(fMinHz >= 0) || !Double.isFinite(fMinHz)) {
            throw new IllegalArgumentException("fMinHz must be finite and >= 0, got " + fMinHz);
        }
        if (!(fMaxHz > fMinHz) || fMaxHz > sampleRate / 2.0) {
            throw new IllegalArgumentException("fMaxHz must be in (fMinHz, sampleRate / 2] = (" + fMinHz + ", "
                    + sampleRate / 2.0 + "], got " + fMaxHz);
        }
        if (!(logFloor > 0) || !Double.isFinite(logFloor)) {
            throw new IllegalArgumentException("logFloor must be finite and > 0, got " + logFloor);
        }
    }

    /** A spec with the default log floor {@link #DEFAULT_LOG_FLOOR}. */
    public LogMelSpec(int sampleRate, int windowSamples, int hopSamples, int mels, double fMinHz, double fMaxHz) {
        this(sampleRate, windowSamples, hopSamples, mels, fMinHz, fMaxHz, DEFAULT_LOG_FLOOR);
    }

    /**
     * Number of frames for a signal of {@code samples} samples: {@code 1 + samples / hopSamples}
     * (integer division), since centring pads {@code windowSamples} samples in all.
     *
     * @throws IllegalArgumentException if {@code samples < 0}
     */
    public int frames(int samples) {
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, got " + samples);
        }
        return 1 + samples / hopSamples;
    }

    /** Frequency bins of the one-sided spectrum: {@code windowSamples / 2 + 1}. */
    public int frequencyBins() {
        return windowSamples / 2 + 1;
    }

    /** Frames per second, {@code sampleRate / hopSamples} (100 for {@link #REFERENCE}). */
    public double framesPerSecond() {
        return sampleRate / (double) hopSamples;
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
