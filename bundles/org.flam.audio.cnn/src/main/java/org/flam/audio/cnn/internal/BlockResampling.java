package org.flam.audio.cnn.internal;

/**
 * The periodic structure of a resampling matrix {@code R [T, T']} (see
 * {@link ConvAudioEncoder#resamplingMatrix()}): {@code g} blocks of {@code P'} output columns,
 * block {@code b} reading only input rows {@code [lo + bP, lo + bP + P + E)} through the same
 * {@code [P + E, P']} matrix.
 *
 * @param blocks       {@code g}
 * @param rowsPerBlock {@code P}, input rows a block advances by
 * @param extraRows    {@code E >= 0}, rows a block reads beyond its own {@code P}
 * @param firstRow     {@code lo}, first row read by block 0
 * @param matrix       {@code [P + E][P']}, the weights of every block
 */
record BlockResampling(int blocks, int rowsPerBlock, int extraRows, int firstRow, double[][] matrix) {

    /**
     * The block structure of {@code r} for {@code hops} hops per clip, or null if it has none
     * that helps: fewer than 2 blocks, blocks whose weights differ (e.g. where the clip's edges
     * truncate a column's triangle), or rows outside {@code [0, T)}.
     */
    static BlockResampling of(double[][] r, int hops) {
        int rows = r.length;
        int cols = r[0].length;
        int g = gcd(hops, cols);
        if (g < 2) {
            return null;
        }
        int p = hops / g;
        int pOut = cols / g;
        // rows with a non-zero weight in block 0, relative to the block's start
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int b = 0; b < g; b++) {
            for (int j = b * pOut; j < (b + 1) * pOut; j++) {
                for (int i = 0; i < rows; i++) {
                    if (r[i][j] != 0) {
                        lo = Math.min(lo, i - b * p);
                        hi = Math.max(hi, i - b * p);
                    }
                }
            }
        }
        int width = hi - lo + 1;
        if (lo < 0 || width < p || lo + (long) (g - 1) * p + width > rows) {
            return null;
        }
        double[][] m = new double[width][pOut];
        for (int i = 0; i < width; i++) {
            for (int j = 0; j < pOut; j++) {
                m[i][j] = r[lo + i][j];
            }
        }
        for (int b = 1; b < g; b++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < pOut; j++) {
                    int rel = i - lo - b * p;
                    double expected = rel >= 0 && rel < width ? m[rel][j] : 0.0;
                    if (Math.abs(r[i][b * pOut + j] - expected) > 1e-12) {
                        return null;
                    }
                }
            }
        }
        return new BlockResampling(g, p, width - p, lo, m);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
