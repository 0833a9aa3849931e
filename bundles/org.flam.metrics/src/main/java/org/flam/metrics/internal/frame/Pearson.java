package org.flam.metrics.internal.frame;

/**
 * Pearson's product-moment correlation of two curves of equal length, computed in two passes
 * (means first), as {@code numpy.corrcoef} or Commons Math's {@code PearsonsCorrelation}
 * compute it:
 * <pre>  r = Σ (x_i - x̄)(y_i - ȳ) / sqrt(Σ (x_i - x̄)² · Σ (y_i - ȳ)²)</pre>
 *
 * <p>A constant curve (every value equal, tested exactly, not through a variance that
 * rounding can make tiny but non-zero) has no correlation: {@link #isConstant} lets callers
 * skip it and count it. Curves with one value are constant.
 */
final class Pearson {

    private Pearson() {
    }

    /** Whether every value equals the first (also for zero or one value). */
    static boolean isConstant(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The curve centred and scaled to unit norm, {@code (x_i - x̄) / sqrt(Σ (x_j - x̄)²)}, so
     * that {@code r} of two curves is the dot product of their standardised forms
     * ({@link #dot}); {@code null} for a constant curve.
     */
    static double[] standardised(double[] x) {
        if (isConstant(x)) {
            return null;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = x[i] - mean;
            ss += z[i] * z[i];
        }
        double norm = Math.sqrt(ss);
        for (int i = 0; i < z.length; i++) {
            z[i] /= norm;
        }
        return z;
    }

    /** {@code r} from two standardised curves, clamped to {@code [-1, 1]} against rounding. */
    static double dot(double[] zx, double[] zy) {
        if (zx.length != zy.length) {
            throw new IllegalArgumentException("curves differ in length: " + zx.length + " and " + zy.length);
        }
        double s = 0;
        for (int i = 0; i < zx.length; i++) {
            s += zx[i] * zy[i];
        }
        return Math.max(-1, Math.min(1, s));
    }

    /** {@code r} of two curves; NaN if either is constant. */
    static double r(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("curves differ in length: " + x.length + " and " + y.length);
        }
        double[] zx = standardised(x);
        double[] zy = standardised(y);
        return zx == null || zy == null ? Double.NaN : dot(zx, zy);
    }
}
