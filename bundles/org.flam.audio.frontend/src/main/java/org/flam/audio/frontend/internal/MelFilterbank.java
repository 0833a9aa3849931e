package org.flam.audio.frontend.internal;

import java.util.Arrays;

/**
 * Triangular mel filters on the Slaney mel scale with Slaney area normalisation, computed as
 * {@code torchaudio.functional.melscale_fbanks(n_freqs, f_min, f_max, n_mels, sample_rate,
 * norm="slaney", mel_scale="slaney")} does, in double precision.
 *
 * <p>With bin frequencies {@code f_k = k * floor(sampleRate / 2) / (n_freqs - 1)} Hz and
 * {@code n_mels + 2} edge frequencies {@code p_j} equally spaced on the mel scale from
 * {@code f_min} to {@code f_max}, filter {@code m} weights bin {@code k} by
 * {@code max(0, min((f_k - p_m) / (p_{m+1} - p_m), (p_{m+2} - f_k) / (p_{m+2} - p_{m+1})))
 * * 2 / (p_{m+2} - p_m)}: each triangle has unit area in Hz, so a band's output is an average
 * power density rather than a sum that grows with the band's width.
 *
 * <p>Immutable and thread-safe. Only the non-zero span of each filter is stored.
 */
public final class MelFilterbank {

    /** Slaney scale: linear below 1000 Hz at 3 mels per 200 Hz, logarithmic above. */
    private static final double LINEAR_HZ_PER_MEL = 200.0 / 3;
    private static final double LOG_START_HZ = 1000.0;
    private static final double LOG_START_MEL = LOG_START_HZ / LINEAR_HZ_PER_MEL;
    /** 27 mels per factor 6.4 in frequency above 1000 Hz. */
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private final int frequencyBins;
    /** First non-zero bin of each filter. */
    private final int[] firstBin;
    /** Weights of each filter from {@code firstBin[m]} on, {@code [mels][span]}. */
    private final double[][] weights;

    /**
     * @param frequencyBins one-sided spectrum size {@code n_fft / 2 + 1}, {@code >= 2}
     * @param sampleRate    Hz; bin frequencies run from 0 to {@code sampleRate / 2} (integer
     *                      division, as torchaudio's {@code sample_rate // 2})
     * @param mels          number of filters
     * @param fMinHz        lower edge of the first filter, Hz
     * @param fMaxHz        upper edge of the last filter, Hz
     */
    public MelFilterbank(int frequencyBins, int sampleRate, int mels, double fMinHz, double fMaxHz) {
        if (frequencyBins < 2) {
            throw new IllegalArgumentException("frequencyBins must be >= 2, got " + frequencyBins);
        }
        this.frequencyBins = frequencyBins;
        double nyquist = sampleRate / 2;
        double[] binHz = new double[frequencyBins];
        for (int k = 0; k < frequencyBins; k++) {
            binHz[k] = k * nyquist / (frequencyBins - 1);
        }
        double melMin = hzToMel(fMinHz);
        double melMax = hzToMel(fMaxHz);
        double[] edgeHz = new double[mels + 2];
        for (int j = 0; j < edgeHz.length; j++) {
            edgeHz[j] = melToHz(melMin + j * (melMax - melMin) / (mels + 1));
        }
        firstBin = new int[mels];
        weights = new double[mels][];
        for (int m = 0; m < mels; m++) {
            double lower = edgeHz[m];
            double centre = edgeHz[m + 1];
            double upper = edgeHz[m + 2];
            double areaNorm = 2 / (upper - lower);
            double[] row = new double[frequencyBins];
            int first = frequencyBins;
            int last = -1;
            for (int k = 0; k < frequencyBins; k++) {
                double rising = (binHz[k] - lower) / (centre - lower);
                double falling = (upper - binHz[k]) / (upper - centre);
                double w = Math.max(0, Math.min(rising, falling)) * areaNorm;
                if (w > 0) {
                    row[k] = w;
                    first = Math.min(first, k);
                    last = k;
                }
            }
            firstBin[m] = last < 0 ? 0 : first;
            weights[m] = last < 0 ? new double[0] : Arrays.copyOfRange(row, first, last + 1);
        }
    }

    /** Hz to mels on the Slaney scale (librosa's {@code htk=False}, torchaudio's "slaney"). */
    public static double hzToMel(double hz) {
        return hz < LOG_START_HZ
                ? hz / LINEAR_HZ_PER_MEL
                : LOG_START_MEL + Math.log(hz / LOG_START_HZ) / LOG_STEP;
    }

    /** Mels to Hz on the Slaney scale; the inverse of {@link #hzToMel(double)}. */
    public static double melToHz(double mel) {
        return mel < LOG_START_MEL
                ? mel * LINEAR_HZ_PER_MEL
                : LOG_START_HZ * Math.exp(LOG_STEP * (mel - LOG_START_MEL));
    }

    /** Number of filters. */
    public int mels() {
        return weights.length;
    }

    /** Spectrum size the filters apply to. */
    public int frequencyBins() {
        return frequencyBins;
    }

    /** Weight of {@code bin} in filter {@code mel} (torchaudio's {@code fb[bin, mel]}), 1/Hz. */
    public double weight(int bin, int mel) {
        int i = bin - firstBin[mel];
        return i >= 0 && i < weights[mel].length ? weights[mel][i] : 0;
    }

    /** Filter {@code mel}'s output for a power spectrum {@code power[frequencyBins]}: {@code sum_k w_k power_k}. */
    public double apply(int mel, double[] power) {
        double[] w = weights[mel];
        int first = firstBin[mel];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i] * power[first + i];
        }
        return sum;
    }
}
