package org.flam.audio.htsat.internal;

/**
 * Index arithmetic of HTSAT, as plain arrays that become graph constants: the (shifted) window
 * partition of a square token map as a permutation, the shifted-window attention mask, the
 * relative position index and the bicubic time-stretch matrix.
 */
final class SwinGeometry {

    /** Mask value between tokens of different regions of a shifted window (the reference's -100). */
    static final double MASKED = -100.0;

    private SwinGeometry() {
    }

    /**
     * Token order of the window partition of a {@code side x side} map rolled by {@code -shift} on
     * both axes: entry {@code p} is the row-major token index of the original map at window-order
     * position {@code p} (windows row-major, tokens row-major inside a window). Gathering tokens
     * with it is roll + window_partition; gathering with {@link #inverse} is window_reverse + roll
     * back.
     */
    static int[] windowOrder(int side, int window, int shift) {
        int per = side / window;
        int[] order = new int[side * side];
        int p = 0;
        for (int wh = 0; wh < per; wh++) {
            for (int ww = 0; ww < per; ww++) {
                for (int i = 0; i < window; i++) {
                    for (int j = 0; j < window; j++) {
                        int h = (wh * window + i + shift) % side;
                        int w = (ww * window + j + shift) % side;
                        order[p++] = h * side + w;
                    }
                }
            }
        }
        return order;
    }

    static int[] inverse(int[] permutation) {
        int[] inv = new int[permutation.length];
        for (int p = 0; p < permutation.length; p++) {
            inv[permutation[p]] = p;
        }
        return inv;
    }

    /**
     * Shifted-window attention mask {@code [nW, N, N]} flattened: {@link #MASKED} between tokens
     * that lie in different regions of the rolled map (the three bands {@code [0, side - window)},
     * {@code [side - window, side - shift)}, {@code [side - shift, side)} on each axis), else 0.
     */
    static double[] shiftMask(int side, int window, int shift) {
        int per = side / window;
        int n = window * window;
        double[] mask = new double[per * per * n * n];
        int[] label = new int[n];
        for (int wh = 0; wh < per; wh++) {
            for (int ww = 0; ww < per; ww++) {
                for (int i = 0; i < window; i++) {
                    for (int j = 0; j < window; j++) {
                        label[i * window + j] = band(wh * window + i, side, window, shift) * 3
                                + band(ww * window + j, side, window, shift);
                    }
                }
                int base = (wh * per + ww) * n * n;
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        mask[base + a * n + b] = label[a] == label[b] ? 0.0 : MASKED;
                    }
                }
            }
        }
        return mask;
    }

    private static int band(int x, int side, int window, int shift) {
        return x < side - window ? 0 : x < side - shift ? 1 : 2;
    }

    /**
     * Relative position index {@code [N * N]}: for window tokens {@code a = (ya, xa)} and
     * {@code b = (yb, xb)} the row {@code (ya - yb + w - 1) (2w - 1) + xa - xb + w - 1} of the
     * {@code [(2w - 1)^2, heads]} bias table.
     */
    static int[] relativePositionIndex(int window) {
        int n = window * window;
        int[] index = new int[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                int dy = a / window - b / window + window - 1;
                int dx = a % window - b % window + window - 1;
                index[a * n + b] = dy * (2 * window - 1) + dx;
            }
        }
        return index;
    }

    /**
     * {@code [in, out]} matrix of PyTorch's 1-D bicubic interpolation with {@code align_corners=True}
     * (cubic convolution, A = -0.75, border indices clamped): {@code y = x M} stretches {@code in}
     * samples to {@code out}.
     */
    static double[][] bicubic(int in, int out) {
        double[][] m = new double[in][out];
        double scale = out > 1 ? (in - 1) / (double) (out - 1) : 0.0;
        for (int o = 0; o < out; o++) {
            double real = scale * o;
            int x0 = (int) Math.floor(real);
            double t = real - x0;
            double[] c = {cubic2(t + 1), cubic1(t), cubic1(1 - t), cubic2(2 - t)};
            for (int k = 0; k < 4; k++) {
                int i = Math.min(Math.max(x0 - 1 + k, 0), in - 1);
                m[i][o] += c[k];
            }
        }
        return m;
    }

    private static final double A = -0.75;

    private static double cubic1(double x) {
        return ((A + 2) * x - (A + 3)) * x * x + 1;
    }

    private static double cubic2(double x) {
        return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
    }
}
