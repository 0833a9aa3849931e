package org.flam.audio.frontend.internal;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * Power spectra of centred, periodic-Hann-windowed frames, as {@code torch.stft(x, n_fft=N,
 * hop_length=H, window=torch.hann_window(N), center=True, pad_mode="reflect")} followed by
 * {@code |X|^2}.
 *
 * <p>Frame {@code t} covers samples {@code t*H - N/2 .. t*H + N/2 - 1} of the signal; indices
 * outside the signal are reflected at its ends without repeating the edge sample (index -1
 * reads sample 1, index L reads sample L-2), torch's "reflect" padding. Windowing is done in
 * double precision, the FFT (TarsosDSP's {@link FloatFFT}, a port of JTransforms/FFTPACK) in
 * float32 as torch's float32 path does, the power in double precision.
 *
 * <p>Immutable and thread-safe: each call makes its own FFT plan and buffers (planning costs
 * {@code O(N)}, small next to the frames' {@code O(N log N)} each).
 */
public final class Stft {

    /** Receives one frame's power spectrum; the array is reused for the next frame. */
    @FunctionalInterface
    public interface FrameSink {
        /**
         * @param frame frame index from 0
         * @param power {@code |X_k|^2} for {@code k = 0 .. N/2}; valid during this call only
         */
        void accept(int frame, double[] power);
    }

    private final int windowSamples;
    private final int hopSamples;
    private final double[] window;

    /**
     * @param windowSamples window length = FFT size {@code N}, even, {@code >= 2}
     * @param hopSamples    hop {@code H}, {@code >= 1}
     */
    public Stft(int windowSamples, int hopSamples) {
        if (windowSamples < 2 || windowSamples % 2 != 0 || hopSamples < 1) {
            throw new IllegalArgumentException("need an even window >= 2 and a hop >= 1, got " + windowSamples
                    + " and " + hopSamples);
        }
        this.windowSamples = windowSamples;
        this.hopSamples = hopSamples;
        this.window = periodicHann(windowSamples);
    }

    /**
     * The periodic Hann window {@code w_n = 0.5 - 0.5 cos(2 pi n / N)}, {@code n = 0 .. N-1}:
     * the first {@code N} points of a symmetric window of {@code N + 1}, so that overlapping
     * frames tile evenly ({@code torch.hann_window(N)}, periodic by default). TarsosDSP's own
     * {@code HannWindow} is the symmetric one (denominator {@code N - 1}) and is not used.
     */
    public static double[] periodicHann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }

    /** Shortest signal reflect padding accepts: {@code N/2 + 1} samples (torch's limit too). */
    public int minimumSamples() {
        return windowSamples / 2 + 1;
    }

    /**
     * Computes the power spectrum of every frame, {@code 1 + x.length / H} frames, in order.
     *
     * @throws IllegalArgumentException if {@code x.length < minimumSamples()}
     */
    public void powerSpectra(float[] x, FrameSink sink) {
        if (x.length < minimumSamples()) {
            throw new IllegalArgumentException("centred reflect padding needs at least " + minimumSamples()
                    + " samples (window " + windowSamples + " / 2 + 1), got " + x.length);
        }
        int half = windowSamples / 2;
        int frames = 1 + x.length / hopSamples;
        FloatFFT fft = new FloatFFT(windowSamples);
        float[] buffer = new float[windowSamples];
        double[] power = new double[half + 1];
        for (int t = 0; t < frames; t++) {
            int start = t * hopSamples - half;
            for (int n = 0; n < windowSamples; n++) {
                buffer[n] = (float) (window[n] * x[reflect(start + n, x.length)]);
            }
            // realForward packs the one-sided spectrum of an even-sized input as
            // [Re0, Re(N/2), Re1, Im1, Re2, Im2, ...] (DC and Nyquist are real).
            fft.realForward(buffer);
            power[0] = (double) buffer[0] * buffer[0];
            power[half] = (double) buffer[1] * buffer[1];
            for (int k = 1; k < half; k++) {
                double re = buffer[2 * k];
                double im = buffer[2 * k + 1];
                power[k] = re * re + im * im;
            }
            sink.accept(t, power);
        }
    }

    /** Index into a signal of {@code length} samples, mirrored at both ends without repeating the edge. */
    static int reflect(int i, int length) {
        if (i < 0) {
            return -i;
        }
        return i < length ? i : 2 * (length - 1) - i;
    }
}
