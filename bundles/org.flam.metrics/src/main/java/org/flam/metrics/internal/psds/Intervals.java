package org.flam.metrics.internal.psds;

import java.util.List;

import org.flam.api.SoundEvent;

/**
 * Disjoint time intervals sorted by onset, in seconds: the merged ground-truth events of one
 * label in one file. Sorted and disjoint, both onsets and offsets increase, so the events a
 * query interval overlaps are found by binary search.
 */
final class Intervals {

    static final Intervals EMPTY = new Intervals(new double[0], new double[0]);

    private final double[] onsets;
    private final double[] offsets;

    private Intervals(double[] onsets, double[] offsets) {
        this.onsets = onsets;
        this.offsets = offsets;
    }

    /** From events that are already merged (no two overlap or touch) and sorted by onset. */
    static Intervals ofMerged(List<SoundEvent> events) {
        double[] on = new double[events.size()];
        double[] off = new double[events.size()];
        for (int i = 0; i < on.length; i++) {
            on[i] = events.get(i).onset();
            off[i] = events.get(i).offset();
            if (i > 0 && !(on[i] > off[i - 1])) {
                throw new IllegalStateException("intervals not merged and sorted at " + i);
            }
        }
        return new Intervals(on, off);
    }

    int size() {
        return onsets.length;
    }

    double onset(int i) {
        return onsets[i];
    }

    double offset(int i) {
        return offsets[i];
    }

    /** Index of the first interval ending after {@code t}, or {@link #size()}. */
    int firstEndingAfter(double t) {
        int lo = 0;
        int hi = offsets.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (offsets[mid] > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Total length in seconds of the intersection of {@code [onset, offset)} with these intervals. */
    double intersection(double onset, double offset) {
        double sum = 0;
        for (int g = firstEndingAfter(onset); g < onsets.length && onsets[g] < offset; g++) {
            sum += Math.min(offset, offsets[g]) - Math.max(onset, onsets[g]);
        }
        return sum;
    }

    /** Sum of the lengths in seconds. */
    double totalDuration() {
        double sum = 0;
        for (int i = 0; i < onsets.length; i++) {
            sum += offsets[i] - onsets[i];
        }
        return sum;
    }
}
