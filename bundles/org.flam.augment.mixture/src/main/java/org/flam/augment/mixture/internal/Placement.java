package org.flam.augment.mixture.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The event parts placed so far in one mixture, as half-open sample intervals, and the
 * "at most N events at once" rule (SPEC §4: 3).
 *
 * <p>The rule is checked on placed intervals (before loudness correction), so it holds for the
 * audio and, as labels only shrink inside placed intervals, for the labels too.
 */
final class Placement {

    private final int maxConcurrent;
    private final List<int[]> intervals = new ArrayList<>();

    Placement(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    /**
     * Whether parts {@code [starts[p], starts[p] + lengths[p])} (pairwise disjoint, one event)
     * can be added without more than {@code maxConcurrent} intervals covering any sample.
     */
    boolean fits(int[] starts, int[] lengths) {
        for (int p = 0; p < starts.length; p++) {
            if (depth(starts[p], starts[p] + lengths[p]) + 1 > maxConcurrent) {
                return false;
            }
        }
        return true;
    }

    /** Adds the parts (after {@link #fits}). */
    void add(int[] starts, int[] lengths) {
        for (int p = 0; p < starts.length; p++) {
            intervals.add(new int[] {starts[p], starts[p] + lengths[p]});
        }
    }

    /**
     * The most intervals covering one sample of {@code [from, to)}. Coverage only rises at an
     * interval's start, so it suffices to look at {@code from} and at every start inside.
     */
    int depth(int from, int to) {
        int max = coverage(from);
        for (int[] i : intervals) {
            if (i[0] > from && i[0] < to) {
                max = Math.max(max, coverage(i[0]));
            }
        }
        return max;
    }

    private int coverage(int t) {
        int n = 0;
        for (int[] i : intervals) {
            if (i[0] <= t && t < i[1]) {
                n++;
            }
        }
        return n;
    }
}
