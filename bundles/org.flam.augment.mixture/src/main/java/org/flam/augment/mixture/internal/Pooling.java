package org.flam.augment.mixture.internal;

import org.flam.api.FrameGrid;

/**
 * How 50 Hz label frames become labels on the encoder's frame grid (SPEC §4, last step).
 *
 * <p>Label frame {@code j} covers {@code [j / r, (j + 1) / r)} s ({@code r} = label rate);
 * encoder frame {@code f} covers {@code [grid.onset(f), grid.offset(f))}. A label frame
 * counts for an encoder frame when the two overlap by more than 1 ns (touching is not
 * overlapping).
 */
public enum Pooling {
    /**
     * {@code z_f = 1} if any overlapping label frame is active, else 0. The default: the paper
     * defines {@code z_{f,k} = 1} when the event "is present in frame f" and 0 when it "is not
     * audible at frame f" (§3), binary targets, and its prior {@code pi_k} is a fraction of
     * positive frames; a sound heard in part of a frame is present in it. It also matches the
     * segment-based metrics, where a segment's score is the max over its frames (SPEC §6).
     */
    MAX,
    /**
     * {@code z_f} = the fraction of the frame's duration covered by active label frames,
     * {@code sum_j overlap_j * a_j / frameSeconds}: soft targets in {@code [0, 1]}, for
     * experiments with boundary uncertainty.
     */
    FRACTION;

    private static final double EPSILON_SECONDS = 1e-9;

    /**
     * Pools {@code active} (one entry per label frame at {@code labelRate} Hz) to {@code grid}.
     * Encoder frames beyond the last label frame get 0.
     *
     * @return {@code float[grid.frameCount()]} in {@code [0, 1]}
     */
    float[] pool(boolean[] active, double labelRate, FrameGrid grid) {
        float[] z = new float[grid.frameCount()];
        for (int f = 0; f < z.length; f++) {
            double a = grid.onset(f);
            double b = grid.offset(f);
            int first = Math.max(0, (int) Math.floor(a * labelRate) - 1);
            int last = Math.min(active.length - 1, (int) Math.ceil(b * labelRate));
            double sum = 0;
            for (int j = first; j <= last; j++) {
                double overlap = Math.min(b, (j + 1) / labelRate) - Math.max(a, j / labelRate);
                if (active[j] && overlap > EPSILON_SECONDS) {
                    sum = this == MAX ? 1 : sum + overlap;
                }
            }
            z[f] = this == MAX ? (float) sum : (float) Math.min(1, sum / (b - a));
        }
        return z;
    }
}
