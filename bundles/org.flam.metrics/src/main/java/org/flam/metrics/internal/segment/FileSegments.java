package org.flam.metrics.internal.segment;

import java.util.Arrays;
import java.util.List;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.SoundEvent;

/**
 * One file cut into segments of a fixed length, as {@code sed_scores_eval}'s segment-based
 * evaluation cuts it.
 *
 * <ul>
 *   <li>Count: {@code n = ceil(duration / length)}, where a quotient within {@code 1e-9}
 *       (relative) of an integer counts as that integer. {@code sed_scores_eval} takes a plain
 *       {@code ceil}, which for e.g. 1.1 s / 0.1 s ({@code = 11.000000000000002}) adds a
 *       twelfth, empty segment; we do not.</li>
 *   <li>Boundaries: {@code round(i * length, 6)} s for {@code i = 0 .. n}; the last segment
 *       may end after the file.</li>
 *   <li>Score of a segment for a label: the maximum over the frames that overlap it by a
 *       positive length (frame boundaries rounded likewise); 0 for a segment that no frame
 *       overlaps (a duration longer than the score table), as in {@code sed_scores_eval}.</li>
 *   <li>Target: whether a ground-truth event of the label overlaps the segment by a positive
 *       length ({@link Times#overlapping}).</li>
 * </ul>
 */
final class FileSegments {

    private static final double SNAP = 1e-9;

    private final double[] boundaries;
    /** Frames {@code firstFrame[i] .. endFrame[i] - 1} overlap segment {@code i}. */
    private final int[] firstFrame;
    private final int[] endFrame;

    private FileSegments(double[] boundaries, int[] firstFrame, int[] endFrame) {
        this.boundaries = boundaries;
        this.firstFrame = firstFrame;
        this.endFrame = endFrame;
    }

    /**
     * Cuts a file.
     *
     * @param grid           the frame grid of the file's score table
     * @param duration       the file's duration in seconds, finite, {@code >= 0}
     * @param segmentSeconds segment length in seconds, finite, {@code > 0}
     * @throws IllegalArgumentException if {@code duration} is negative or not finite
     */
    static FileSegments of(FrameGrid grid, double duration, double segmentSeconds) {
        if (!(duration >= 0) || !Double.isFinite(duration)) {
            throw new IllegalArgumentException("duration must be finite and >= 0 s, got " + duration);
        }
        int n = count(duration, segmentSeconds);
        double[] boundaries = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            boundaries[i] = Times.round(i * segmentSeconds);
        }
        double[] frames = Times.frameBoundaries(grid);
        int frameCount = grid.frameCount();
        int[] first = new int[n];
        int[] end = new int[n];
        for (int i = 0; i < n; i++) {
            // the last frame starting at or before the segment's onset ...
            first[i] = Math.max(firstIndexAbove(frames, boundaries[i]) - 1, 0);
            // ... up to (excluding) the first frame starting at or after its offset
            end[i] = Math.min(firstIndexAtLeast(frames, boundaries[i + 1]), frameCount);
        }
        return new FileSegments(boundaries, first, end);
    }

    private static int count(double duration, double segmentSeconds) {
        double q = duration / segmentSeconds;
        double nearest = Math.rint(q);
        double n = Math.abs(q - nearest) <= SNAP * Math.max(1, q) ? nearest : Math.ceil(q);
        if (n > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("too many segments: " + duration + " s / " + segmentSeconds + " s");
        }
        return (int) n;
    }

    /** Number of segments. */
    int count() {
        return endFrame.length;
    }

    /** Segment {@code i}'s score for label column {@code column}: max over its frames, or 0. */
    double score(FrameScores scores, int column, int i) {
        if (endFrame[i] <= firstFrame[i]) {
            return 0;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int f = firstFrame[i]; f < endFrame[i]; f++) {
            max = Math.max(max, scores.score(f, column));
        }
        return max;
    }

    /** Per segment, whether one of {@code events} (sorted by onset) overlaps it. */
    boolean[] targets(List<SoundEvent> events) {
        return Times.overlapping(boundaries, events);
    }

    /** Rounded segment boundaries, {@code count() + 1} of them (a copy). */
    double[] boundaries() {
        return boundaries.clone();
    }

    private static int firstIndexAbove(double[] sorted, double value) {
        int i = Arrays.binarySearch(sorted, value);
        if (i < 0) {
            return -i - 1;
        }
        while (i < sorted.length && sorted[i] <= value) {
            i++;
        }
        return i;
    }

    private static int firstIndexAtLeast(double[] sorted, double value) {
        int i = Arrays.binarySearch(sorted, value);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] >= value) {
            i--;
        }
        return i;
    }
}
