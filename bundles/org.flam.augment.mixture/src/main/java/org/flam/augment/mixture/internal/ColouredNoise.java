package org.flam.augment.mixture.internal;

import java.util.random.RandomGenerator;

/**
 * Generated backgrounds: Gaussian noise of a {@link NoiseColour}, shaped in the frequency
 * domain. Used where no corpus background fits (SPEC §4 asks for ambiance beds; a synthetic
 * bed keeps synthesis possible, and the mixture says so, see {@link GeneratedBackground}).
 *
 * <p>White Gaussian samples are transformed, bin {@code k} (frequency {@code f_k} Hz) is
 * scaled by {@code (max(f_k, 20 Hz) / 1 kHz)^(-a/2)} so the power density goes as
 * {@code f^-a}, the DC bin is zeroed, and the result is transformed back. Below 20 Hz the
 * scale stays flat: {@code 1/f} and {@code 1/f^2} diverge at DC, and sub-audio rumble is not a
 * background. The output is scaled to an RMS of exactly 1.
 */
final class ColouredNoise {

    private static final double FLOOR_HZ = 20;
    private static final double REFERENCE_HZ = 1000;

    private ColouredNoise() {
    }

    /**
     * {@code length} samples of {@code colour} noise at {@code sampleRate} Hz, RMS 1, drawn from
     * {@code random}.
     */
    static double[] generate(NoiseColour colour, int length, int sampleRate, RandomGenerator random) {
        int n = Fft.size(length);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = random.nextGaussian();
        }
        Fft.forward(re, im);
        re[0] = 0;
        im[0] = 0;
        double halfExponent = colour.exponent() / 2.0;
        for (int k = 1; k <= n / 2; k++) {
            double f = Math.max((double) k * sampleRate / n, FLOOR_HZ);
            double g = Math.pow(f / REFERENCE_HZ, -halfExponent);
            re[k] *= g;
            im[k] *= g;
            if (k < n / 2) {
                re[n - k] *= g;
                im[n - k] *= g;
            }
        }
        Fft.inverse(re, im);
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += re[i] * re[i];
        }
        double scale = sum > 0 ? 1 / Math.sqrt(sum / length) : 0;
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = re[i] * scale;
        }
        return out;
    }
}
