package org.flam.metrics.internal.psds;

import java.util.Arrays;

import org.flam.metrics.internal.psds.PsdsCalculator.LabelCounts;

/**
 * The changes of one label's counts over all files, each at the score where the threshold
 * falling to it makes the change, and their accumulation into counts at every distinct score:
 * the count at threshold {@code θ} is the sum of the changes at scores {@code >= θ}
 * ({@code sed_scores_eval}'s deltas and cumulative sum). One sort over all files replaces a
 * recount of every file at every threshold.
 */
final class ChangePoints {

    private final int labels;
    private double[] scores = new double[64];
    private int[] tp = new int[64];
    private int[] fp = new int[64];
    private int[] ct;
    private int size;

    /** @param labels number of labels whose cross-triggers are recorded; 0 when not counted */
    ChangePoints(int labels) {
        this.labels = labels;
        this.ct = new int[64 * labels];
    }

    /** Records the changes {@code cross - previousCross} (per label) with the others at {@code score}. */
    void add(double score, int deltaTp, int deltaFp, int[] cross, int[] previousCross) {
        if (size == scores.length) {
            int capacity = size * 2;
            scores = Arrays.copyOf(scores, capacity);
            tp = Arrays.copyOf(tp, capacity);
            fp = Arrays.copyOf(fp, capacity);
            ct = Arrays.copyOf(ct, capacity * labels);
        }
        scores[size] = score;
        tp[size] = deltaTp;
        fp[size] = deltaFp;
        for (int o = 0; o < labels; o++) {
            ct[size * labels + o] = cross[o] - previousCross[o];
        }
        size++;
    }

    /**
     * The counts at every distinct change score, from the highest down, followed by the
     * threshold +∞ (nothing detected, all counts 0).
     */
    LabelCounts accumulate() {
        double[] thresholds = Arrays.stream(scores, 0, size).sorted().distinct().toArray();
        int u = thresholds.length;
        int[] tpAt = new int[u + 1];
        int[] fpAt = new int[u + 1];
        int[][] ctAt = labels == 0 ? null : new int[labels][u + 1];
        // Slot s holds threshold thresholds[u - 1 - s], so operating points run from the
        // highest threshold down and the last slot, u, is +∞.
        for (int i = 0; i < size; i++) {
            int s = u - 1 - Arrays.binarySearch(thresholds, scores[i]);
            tpAt[s] += tp[i];
            fpAt[s] += fp[i];
            for (int o = 0; o < labels; o++) {
                ctAt[o][s] += ct[i * labels + o];
            }
        }
        for (int s = 1; s < u; s++) {
            tpAt[s] += tpAt[s - 1];
            fpAt[s] += fpAt[s - 1];
            for (int o = 0; o < labels; o++) {
                ctAt[o][s] += ctAt[o][s - 1];
            }
        }
        return new LabelCounts(tpAt, fpAt, ctAt);
    }
}
