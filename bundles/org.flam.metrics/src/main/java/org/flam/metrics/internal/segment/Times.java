package org.flam.metrics.internal.segment;

import java.util.List;

import org.flam.api.FrameGrid;
import org.flam.api.SoundEvent;

/**
 * Time handling shared by the segment-, collar- and frame-based metrics, as
 * {@code sed_scores_eval} does it: boundaries are rounded to {@value #DECIMALS} decimals of a
 * second ({@code time_decimals=6}) before they are compared, so that a boundary computed as
 * {@code 7 / 3.2} and one computed as {@code 2.1875} are the same time and an event ending
 * exactly on a boundary never spills into the next segment.
 */
public final class Times {

    /** Decimals of a second that times are rounded to before comparisons. */
    public static final int DECIMALS = 6;
    private static final double SCALE = 1e6;

    private Times() {
    }

    /** {@code rint(t * 1e6) / 1e6}: numpy's {@code round(t, 6)} (ties to even). */
    public static double round(double seconds) {
        return Math.rint(seconds * SCALE) / SCALE;
    }

    /**
     * The {@code F + 1} rounded frame boundaries of a grid: {@code round(f / fps)} for
     * {@code f = 0 .. F}; frame {@code f} is {@code [b[f], b[f + 1])}.
     */
    public static double[] frameBoundaries(FrameGrid grid) {
        double[] b = new double[grid.frameCount() + 1];
        for (int f = 0; f < b.length; f++) {
            b[f] = round(f / grid.framesPerSecond());
        }
        return b;
    }

    /**
     * Which intervals {@code [b[i], b[i + 1])} overlap an event by a positive length:
     * {@code b[i] < offset && b[i + 1] > onset} for some event (event times as given,
     * unrounded, as {@code sed_scores_eval} compares them).
     *
     * @param boundaries ascending boundaries, {@code n + 1} of them for {@code n} intervals
     * @param events     events sorted by onset
     * @return {@code boolean[n]}
     */
    public static boolean[] overlapping(double[] boundaries, List<SoundEvent> events) {
        boolean[] hit = new boolean[Math.max(0, boundaries.length - 1)];
        for (SoundEvent e : events) {
            for (int i = 0; i < hit.length; i++) {
                hit[i] |= boundaries[i] < e.offset() && boundaries[i + 1] > e.onset();
            }
        }
        return hit;
    }
}
