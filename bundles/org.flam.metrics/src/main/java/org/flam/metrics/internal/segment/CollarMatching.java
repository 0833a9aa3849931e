package org.flam.metrics.internal.segment;

import java.util.Arrays;
import java.util.List;

import org.flam.api.SoundEvent;

/**
 * Collar-based (event-based) matching of detected to ground-truth events of one label in one
 * file (Mesaros et al., 2016), with {@code sed_scores_eval}'s criteria: a detection
 * {@code d} can match a ground-truth event {@code g} when
 * <pre>
 *   round(|d.onset  - g.onset|  - onsetCollar, 6) &lt;= 0   and
 *   round(|d.offset - g.offset| - max(offsetCollar, offsetCollarRate * (g.offset - g.onset)), 6) &lt;= 0
 * </pre>
 * (rounded to 6 decimals of a second so a deviation of exactly the collar counts despite
 * floating-point error), and each event matches at most one detection and vice versa: the
 * true positives are a maximum bipartite matching, whose size is unique, so it equals
 * {@code sed_eval}'s Hopcroft-Karp result. Immutable.
 *
 * @param onsetCollar      allowed onset deviation in seconds, {@code >= 0}
 * @param offsetCollar     least allowed offset deviation in seconds, {@code >= 0}
 * @param offsetCollarRate least allowed offset deviation as a fraction of the ground-truth
 *                         event's length, {@code >= 0}
 */
record CollarMatching(double onsetCollar, double offsetCollar, double offsetCollarRate) {

    /** Parameter key of {@link #onsetCollar()}. */
    static final String ONSET_COLLAR = "onset_collar";
    /** Parameter key of {@link #offsetCollar()}. */
    static final String OFFSET_COLLAR = "offset_collar";
    /** Parameter key of {@link #offsetCollarRate()}. */
    static final String OFFSET_COLLAR_RATE = "offset_collar_rate";

    /** @throws IllegalArgumentException if a value is negative or not finite */
    CollarMatching {
        Parameters.nonNegative(ONSET_COLLAR, onsetCollar);
        Parameters.nonNegative(OFFSET_COLLAR, offsetCollar);
        Parameters.nonNegative(OFFSET_COLLAR_RATE, offsetCollarRate);
    }

    /**
     * Number of true positives: the size of a maximum matching.
     *
     * @param onsets  detection onsets in seconds, {@code count} of them
     * @param offsets detection offsets in seconds
     * @param count   number of detections
     * @param truth   ground-truth events of the label
     */
    int truePositives(double[] onsets, double[] offsets, int count, List<SoundEvent> truth) {
        boolean[][] hit = new boolean[count][truth.size()];
        for (int g = 0; g < truth.size(); g++) {
            SoundEvent e = truth.get(g);
            double offsetTolerance = Math.max(offsetCollar, offsetCollarRate * (e.offset() - e.onset()));
            for (int d = 0; d < count; d++) {
                hit[d][g] = Times.round(Math.abs(onsets[d] - e.onset()) - onsetCollar) <= 0
                        && Times.round(Math.abs(offsets[d] - e.offset()) - offsetTolerance) <= 0;
            }
        }
        return maximumMatching(hit, truth.size());
    }

    /** Kuhn's augmenting paths: O(D * (D * G)), ample for the few events of one file. */
    private static int maximumMatching(boolean[][] hit, int events) {
        int[] detectionOfEvent = new int[events];
        Arrays.fill(detectionOfEvent, -1);
        int matched = 0;
        for (int d = 0; d < hit.length; d++) {
            if (augment(d, hit, detectionOfEvent, new boolean[events])) {
                matched++;
            }
        }
        return matched;
    }

    private static boolean augment(int d, boolean[][] hit, int[] detectionOfEvent, boolean[] visited) {
        for (int g = 0; g < detectionOfEvent.length; g++) {
            if (hit[d][g] && !visited[g]) {
                visited[g] = true;
                if (detectionOfEvent[g] < 0 || augment(detectionOfEvent[g], hit, detectionOfEvent, visited)) {
                    detectionOfEvent[g] = d;
                    return true;
                }
            }
        }
        return false;
    }
}
