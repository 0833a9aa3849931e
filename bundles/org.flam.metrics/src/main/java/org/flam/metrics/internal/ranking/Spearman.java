package org.flam.metrics.internal.ranking;

/**
 * Spearman's rank correlation: the Pearson correlation of the two samples' average ranks
 * ({@link Ranks#averageRanks}), which is {@code scipy.stats.spearmanr} with ties.
 */
final class Spearman {

    private Spearman() {
    }

    /**
     * ρ between {@code x} and {@code y}:
     * <pre>  ρ = Σ (r_i - r̄)(s_i - s̄) / sqrt(Σ (r_i - r̄)² Σ (s_i - s̄)²)</pre>
     * with {@code r, s} the average ranks of {@code x, y}.
     *
     * @param x first sample, none NaN
     * @param y second sample, same length
     * @return ρ in {@code [-1, 1]}, or NaN where it is undefined: fewer than two values, or
     *         either sample constant (zero rank variance)
     */
    static double rho(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("samples differ in length: " + x.length + " and " + y.length);
        }
        double[] r = Ranks.averageRanks(x);
        double[] s = Ranks.averageRanks(y);
        // both rank vectors have mean (n + 1) / 2
        double mean = (x.length + 1) / 2.0;
        double rs = 0;
        double rr = 0;
        double ss = 0;
        for (int i = 0; i < r.length; i++) {
            double a = r[i] - mean;
            double b = s[i] - mean;
            rs += a * b;
            rr += a * a;
            ss += b * b;
        }
        if (rr == 0 || ss == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, rs / Math.sqrt(rr * ss)));
    }
}
