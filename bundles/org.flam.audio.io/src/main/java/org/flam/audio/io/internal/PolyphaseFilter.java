package org.flam.audio.io.internal;

/**
 * The low-pass filter of {@link org.flam.audio.io.Resampler}: a Kaiser-windowed sinc for a
 * rational rate change {@code up/down} (in lowest terms), stored as a polyphase table.
 *
 * <p>Frequencies below are fractions of the <em>lower</em> of the two rates, {@code f_low}:
 * passband to {@value #PASSBAND} f_low, stopband from {@value #STOPBAND} f_low (the lower
 * Nyquist frequency, so nothing aliases or images), -6 dB cutoff halfway. The Kaiser window
 * is designed for {@value #DESIGN_ATTENUATION_DB} dB (Kaiser's formulas: beta = 0.1102 (A -
 * 8.7), length = (A - 7.95) / (2.285 * 2 pi * transition) + 1), which gives about 54
 * zero-crossings of the lower rate on each side: 2 x 54 taps per output sample when
 * upsampling, {@code 108 * down / up} when downsampling.
 *
 * <p>Output sample {@code k} lies at input position {@code k * down / up}, whose fractional
 * part is one of {@code up} phases. Up to {@value #MAX_EXACT_PHASES} phases (scaled down when
 * downsampling, where the kernel is smoother) each get an exact row of taps; beyond that the
 * taps are interpolated linearly between the two nearest of that many rows, an error below
 * -120 dB.
 */
public final class PolyphaseFilter {

    /** Passband edge, fraction of the lower rate. */
    public static final double PASSBAND = 0.45;
    /** Stopband edge, fraction of the lower rate: its Nyquist frequency. */
    public static final double STOPBAND = 0.5;
    /** Stopband attenuation the Kaiser window is designed for, dB. */
    public static final double DESIGN_ATTENUATION_DB = 85;
    /** Rows of exact taps per input sample when upsampling. */
    static final int MAX_EXACT_PHASES = 4096;

    private final int up;
    private final int halfLength;
    private final int taps;
    private final int rows;
    private final float[] table;

    /**
     * @param up   output rate / gcd, at least 1
     * @param down input rate / gcd, at least 1, coprime with {@code up}
     */
    public PolyphaseFilter(int up, int down) {
        this.up = up;
        double low = Math.min(1.0, (double) up / down); // lower rate / input rate
        double cutoff = (PASSBAND + STOPBAND) / 2 * low; // cycles per input sample
        double transition = (STOPBAND - PASSBAND) * low;
        double a = DESIGN_ATTENUATION_DB;
        double beta = 0.1102 * (a - 8.7);
        double half = (a - 7.95) / (2.285 * 2 * Math.PI * transition) / 2; // input samples
        this.halfLength = (int) Math.ceil(half);
        this.taps = 2 * halfLength;
        this.rows = (int) Math.min(up, Math.ceil(MAX_EXACT_PHASES * low));
        this.table = new float[(rows + 1) * taps];
        double i0Beta = besselI0(beta);
        for (int r = 0; r <= rows; r++) {
            double frac = (double) r / rows;
            for (int m = 0; m < taps; m++) {
                double t = frac + halfLength - 1 - m; // output position - input index
                double u = t / half;
                double window = Math.abs(u) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta;
                table[r * taps + m] = (float) (2 * cutoff * sinc(2 * cutoff * t) * window);
            }
        }
    }

    /**
     * Half the number of taps, K: output sample at input position {@code p + phase/up} reads
     * input samples {@code p - K + 1} to {@code p + K}.
     */
    public int halfLength() {
        return halfLength;
    }

    /**
     * One output sample: the {@code 2K} input samples {@code x[first, first + 2K)} filtered
     * at fractional position {@code phase / up} after {@code x[first + K - 1]}.
     */
    public double apply(float[] x, int first, int phase) {
        long scaled = (long) phase * rows;
        int row = (int) (scaled / up);
        int rem = (int) (scaled % up);
        int base = row * taps;
        double acc = 0;
        if (rem == 0) {
            // Four independent sums: one running sum is bound by the latency of each addition;
            // four keep the multiply-add units busy (the resampler was most of a short file's
            // decode time). Same products, summed in another order, still in double precision.
            float a0 = 0;
            float a1 = 0;
            float a2 = 0;
            float a3 = 0;
            float a4 = 0;
            float a5 = 0;
            float a6 = 0;
            float a7 = 0;
            int m = 0;
            for (; m + 7 < taps; m += 8) {
                int xi = first + m;
                int ti = base + m;
                a0 += x[xi] * table[ti];
                a1 += x[xi + 1] * table[ti + 1];
                a2 += x[xi + 2] * table[ti + 2];
                a3 += x[xi + 3] * table[ti + 3];
                a4 += x[xi + 4] * table[ti + 4];
                a5 += x[xi + 5] * table[ti + 5];
                a6 += x[xi + 6] * table[ti + 6];
                a7 += x[xi + 7] * table[ti + 7];
            }
            for (; m < taps; m++) {
                a0 += x[first + m] * table[base + m];
            }
            acc = ((double) a0 + a1) + ((double) a2 + a3) + ((double) a4 + a5) + ((double) a6 + a7);
        } else {
            float w = (float) rem / up;
            int next = base + taps;
            for (int m = 0; m < taps; m++) {
                float c = table[base + m];
                acc += x[first + m] * (c + w * (table[next + m] - c));
            }
        }
        return acc;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
