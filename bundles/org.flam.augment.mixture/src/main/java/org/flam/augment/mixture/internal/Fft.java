package org.flam.augment.mixture.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-place iterative radix-2 complex FFT (Cooley-Tukey), the one transform this bundle needs
 * for A-weighting and coloured noise: both shape a whole signal's spectrum at once.
 *
 * <p>Forward: {@code X[k] = sum_n x[n] exp(-2 pi i k n / N)}; inverse: the same with
 * {@code +i} and a factor {@code 1 / N}, so {@code inverse(forward(x)) = x}.
 */
final class Fft {

    private static final Map<Integer, double[][]> TWIDDLES = new ConcurrentHashMap<>();

    private Fft() {
    }

    /** Smallest power of two {@code >= n}, {@code n >= 1}. */
    static int size(int n) {
        if (n < 1 || n > (1 << 30)) {
            throw new IllegalArgumentException("FFT length must be in [1, 2^30], got " + n);
        }
        int size = 1;
        while (size < n) {
            size <<= 1;
        }
        return size;
    }

    /** Forward transform of {@code (re, im)}, both of the same power-of-two length, in place. */
    static void forward(double[] re, double[] im) {
        transform(re, im, -1);
    }

    /** Inverse transform (with the {@code 1 / N} factor) of {@code (re, im)}, in place. */
    static void inverse(double[] re, double[] im) {
        transform(re, im, +1);
        double scale = 1.0 / re.length;
        for (int i = 0; i < re.length; i++) {
            re[i] *= scale;
            im[i] *= scale;
        }
    }

    private static void transform(double[] re, double[] im, int sign) {
        int n = re.length;
        if (Integer.bitCount(n) != 1 || im.length != n) {
            throw new IllegalArgumentException("FFT needs equal power-of-two lengths, got "
                    + n + " and " + im.length);
        }
        // Bit-reversal permutation.
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double[][] twiddles = twiddles(n);
        double[] cos = twiddles[0];
        double[] sin = twiddles[1];
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int stride = n / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * stride];
                    double wi = sign * sin[k * stride];
                    int a = i + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /**
     * {@code cos(2 pi k / n)} and {@code sin(2 pi k / n)} for {@code k < n / 2}, computed once
     * per size (each from its own angle, so rounding does not grow with the size) and shared:
     * the same few sizes recur for every event of every mixture.
     */
    private static double[][] twiddles(int n) {
        return TWIDDLES.computeIfAbsent(n, size -> {
            double[] cos = new double[Math.max(1, size / 2)];
            double[] sin = new double[cos.length];
            for (int k = 0; k < cos.length; k++) {
                cos[k] = Math.cos(2 * Math.PI * k / size);
                sin[k] = Math.sin(2 * Math.PI * k / size);
            }
            return new double[][] {cos, sin};
        });
    }
}
