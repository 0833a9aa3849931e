package org.flam.augment.mixture.internal;

import java.util.Arrays;

/**
 * The two smoothing rules of SPEC §4 (paper C.4) on one event's 50 Hz activity, applied in
 * order:
 * <ol>
 * <li>a run of inactive frames shorter than {@code fillGapFrames} (10 frames = 200 ms) with an
 * active frame on both sides becomes active; runs at the start or end are not "between
 * positives" and stay;</li>
 * <li>if the event then has more than {@code minEventFrames} (10) active frames in total, every
 * active run shorter than {@code minRunFrames} (2 frames = 40 ms) becomes inactive.</li>
 * </ol>
 * "The event is longer than 10 frames in total" is read as the count of active frames after
 * rule 1, not the placed duration: the rule is there to drop isolated blips from long
 * events, and a short event (a click) must keep its only frames.
 */
final class Smoothing {

    private final int fillGapFrames;
    private final int minRunFrames;
    private final int minEventFrames;

    /**
     * @param fillGapFrames  inactive runs strictly shorter than this, between active frames,
     *                       are filled (rule 1), {@code >= 0}
     * @param minRunFrames   active runs strictly shorter than this are removed (rule 2),
     *                       {@code >= 0}
     * @param minEventFrames rule 2 applies only when the active frames number strictly more
     *                       than this, {@code >= 0}
     */
    Smoothing(int fillGapFrames, int minRunFrames, int minEventFrames) {
        this.fillGapFrames = fillGapFrames;
        this.minRunFrames = minRunFrames;
        this.minEventFrames = minEventFrames;
    }

    /** Applies rules 1 then 2 to a copy of {@code active}. */
    boolean[] apply(boolean[] active) {
        boolean[] out = active.clone();
        fillGaps(out);
        int total = 0;
        for (boolean a : out) {
            total += a ? 1 : 0;
        }
        if (total > minEventFrames) {
            removeShortRuns(out);
        }
        return out;
    }

    private void fillGaps(boolean[] a) {
        int lastActive = -1;
        for (int j = 0; j < a.length; j++) {
            if (a[j]) {
                int gap = j - lastActive - 1;
                if (lastActive >= 0 && gap > 0 && gap < fillGapFrames) {
                    Arrays.fill(a, lastActive + 1, j, true);
                }
                lastActive = j;
            }
        }
    }

    private void removeShortRuns(boolean[] a) {
        int j = 0;
        while (j < a.length) {
            if (!a[j]) {
                j++;
                continue;
            }
            int end = j;
            while (end < a.length && a[end]) {
                end++;
            }
            if (end - j < minRunFrames) {
                Arrays.fill(a, j, end, false);
            }
            j = end;
        }
    }
}
