package org.flam.plot.internal;

import java.awt.Color;

/** Series colours (the Tableau 10 palette, distinguishable and readable on white) and a heat map. */
public final class Palette {

    private static final int[] SERIES = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x7f7f7f, 0xbcbd22, 0x17becf};

    /** Viridis at nine evenly spaced stops, interpolated linearly between them. */
    private static final int[] VIRIDIS = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
        0xaddc30, 0xfde725};

    private Palette() {
    }

    /** Colour of series {@code i} (cycles after ten). */
    public static Color series(int i) {
        return new Color(SERIES[Math.floorMod(i, SERIES.length)]);
    }

    /** Viridis RGB at {@code t} in {@code [0, 1]} (clamped). */
    public static int viridis(double t) {
        double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) u, VIRIDIS.length - 2);
        double w = u - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - w) + ((b >> 16) & 0xff) * w);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - w) + ((b >> 8) & 0xff) * w);
        int bl = (int) Math.round((a & 0xff) * (1 - w) + (b & 0xff) * w);
        return (r << 16) | (g << 8) | bl;
    }
}
