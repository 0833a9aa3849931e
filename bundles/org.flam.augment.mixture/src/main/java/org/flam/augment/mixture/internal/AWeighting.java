package org.flam.augment.mixture.internal;

/**
 * A-frequency-weighting of IEC 61672-1:2013, applied exactly in the frequency domain.
 *
 * <p>Magnitude: {@code R_A(f) = f4^2 f^4 / ((f^2 + f1^2) sqrt(f^2 + f2^2) sqrt(f^2 + f3^2) (f^2 + f4^2))}
 * with the standard's pole frequencies {@code f1 = 20.598997, f2 = 107.65265,
 * f3 = 737.86223, f4 = 12194.217} Hz, normalised so that the weighting is 0 dB at 1 kHz:
 * {@code A(f) = 20 log10(R_A(f) / R_A(1000))} dB (100 Hz: -19.1 dB, 4 kHz: +1.0 dB, 10 kHz:
 * -2.5 dB).
 *
 * <p>Why the frequency domain and not the usual bilinear-transformed IIR filter: the bilinear
 * transform warps frequencies near Nyquist, so at 32 kHz its 10 kHz weight is about 3.8 dB
 * too low (beyond the standard's class-1 tolerance) and at 48 kHz still about 1.4 dB. Weighting
 * the DFT of the whole (zero-padded) signal by {@code |A(f)|} is exact at every sample rate
 * (a zero-phase filter, which loudness measurement does not mind) and costs one FFT pair per
 * event part.
 */
final class AWeighting {

    private static final double F1 = 20.598997;
    private static final double F2 = 107.65265;
    private static final double F3 = 737.86223;
    private static final double F4 = 12194.217;
    private static final double R_1000 = response(1000);

    /*
     * Zero padding each side, seconds. The A-weighting impulse response decays with the
     * slowest pole (20.6 Hz, time constant 7.7 ms); 100 ms keeps the circular wrap-around of
     * the FFT filter far below any level the labels look at.
     */
    private static final double PAD_SECONDS = 0.1;

    private AWeighting() {
    }

    /** Linear magnitude of the A-weighting at {@code f} Hz ({@code f >= 0}); 1 at 1 kHz, 0 at DC. */
    static double gain(double f) {
        return response(f) / R_1000;
    }

    /** The A-weighting at {@code f} Hz in dB, {@code 20 log10(gain(f))}. */
    static double decibels(double f) {
        return 20 * Math.log10(gain(f));
    }

    /**
     * The A-weighted version of {@code x[from, from + length)} sampled at {@code sampleRate}
     * Hz: the linear convolution of the signal with the zero-phase filter whose spectrum is
     * {@code |A(f)|}, computed as {@code IDFT(DFT(x) * |A(f_k)|)}, {@code f_k = k * sampleRate / N},
     * on zero-padded blocks.
     *
     * <p>Because the filter is real and even, filtering {@code a + i b} filters the real signals
     * {@code a} and {@code b} independently in one complex FFT pair. The signal is cut into its
     * two halves, both filtered at once in a buffer of {@code N >= length / 2 + 2 * 0.1 s}
     * (half the usual size), and the two filtered halves, each with its tails, are added back
     * at their offsets: by linearity that is the filtered whole.
     *
     * @return {@code double[length]}, aligned with the input
     */
    static double[] weigh(float[] x, int from, int length, int sampleRate) {
        int pad = (int) Math.round(PAD_SECONDS * sampleRate);
        int half = (length + 1) / 2;
        int n = Fft.size(half + 2 * pad);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < half; i++) {
            re[pad + i] = x[from + i];
        }
        for (int i = half; i < length; i++) {
            im[pad + i - half] = x[from + i];
        }
        Fft.forward(re, im);
        // Bins k and N - k hold the same |frequency|; a real, even gain keeps a and b apart.
        for (int k = 0; k <= n / 2; k++) {
            double g = gain((double) k * sampleRate / n);
            re[k] *= g;
            im[k] *= g;
            if (k > 0 && k < n / 2) {
                re[n - k] *= g;
                im[n - k] *= g;
            }
        }
        Fft.inverse(re, im);
        double[] y = new double[length];
        // Output sample i gets the first half's response at buffer index pad + i and the
        // second half's at pad + i - half, wherever those indices lie inside the buffer.
        for (int i = 0; i < length; i++) {
            int a = pad + i;
            int b = pad + i - half;
            y[i] = (a < n ? re[a] : 0) + (b >= 0 ? im[b] : 0);
        }
        return y;
    }

    private static double response(double f) {
        double f2 = f * f;
        return F4 * F4 * f2 * f2
                / ((f2 + F1 * F1) * Math.sqrt(f2 + F2 * F2) * Math.sqrt(f2 + F3 * F3) * (f2 + F4 * F4));
    }
}
