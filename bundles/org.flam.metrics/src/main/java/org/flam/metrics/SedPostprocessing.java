package org.flam.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.flam.api.FrameScores;
import org.flam.api.SoundEvent;

/**
 * What happens to scores and ground truth before they are scored (SPEC §3, §6): a median
 * filter over time on frame scores, and merging of same-label ground-truth events that
 * overlap or touch.
 */
public final class SedPostprocessing {

    /** Median filter length applied to frame outputs before evaluation (SPEC §3), in frames. */
    public static final int MEDIAN_FILTER_FRAMES = 3;

    private SedPostprocessing() {
    }

    /**
     * Median filter along time, per label column, as {@code scipy.ndimage.median_filter(x,
     * (frames, 1))} computes it (what the FLAM authors' and the DCASE baselines' code calls):
     * output frame {@code f} is the median of the {@code frames} scores centred on {@code f}.
     *
     * <p>Edges: scipy's default mode {@code 'reflect'} (half-sample symmetric,
     * {@code d c b a | a b c d | d c b a}): index {@code -1} reads frame 0, {@code -2} frame 1,
     * index {@code F} reads frame {@code F - 1}. For 3 frames the first and last frames are
     * therefore {@code median(s0, s0, s1) = s0} and {@code s(F-1)}: unchanged.
     * ({@code sed_scores_eval}'s own {@code medfilt} is a filter in seconds over a continuous
     * time axis that pads with {@code -inf} and moves change points off the frame grid; it
     * cannot return a table on the same grid, so it is not what this method does.)
     *
     * @param scores frame scores; not modified
     * @param frames odd window length in frames, {@code >= 1}; 1 returns an equal copy
     * @return new scores on the same grid and labels
     * @throws IllegalArgumentException if {@code frames} is even or {@code < 1}
     */
    public static FrameScores medianFilter(FrameScores scores, int frames) {
        Objects.requireNonNull(scores, "scores");
        if (frames < 1 || frames % 2 == 0) {
            throw new IllegalArgumentException("frames must be odd and >= 1, got " + frames);
        }
        int count = scores.frameCount();
        int labels = scores.labels().size();
        float[][] out = new float[count][labels];
        float[] window = new float[frames];
        int half = frames / 2;
        for (int k = 0; k < labels; k++) {
            for (int f = 0; f < count; f++) {
                for (int j = -half; j <= half; j++) {
                    window[j + half] = scores.score(reflect(f + j, count), k);
                }
                Arrays.sort(window);
                out[f][k] = window[half];
            }
        }
        return new FrameScores(scores.grid(), scores.labels(), out);
    }

    /** scipy's 'reflect' index mapping, periodic with period 2F so windows longer than F work. */
    private static int reflect(int index, int count) {
        int m = Math.floorMod(index, 2 * count);
        return m < count ? m : 2 * count - 1 - m;
    }

    /**
     * Merges events of the same file and label that overlap or touch
     * ({@link SoundEvent#overlapsOrTouches}) into one event from the earliest onset to the
     * latest offset, repeatedly, so chains {@code [0,1) [1,2) [1.5,3)} become {@code [0,3)}.
     * Events of different labels or files are never merged.
     *
     * @param events events in any order; not modified
     * @return a new list, sorted by file (in order of first appearance), then onset, then label
     */
    public static List<SoundEvent> mergeOverlapping(List<SoundEvent> events) {
        Objects.requireNonNull(events, "events");
        Map<String, Integer> fileOrder = new LinkedHashMap<>();
        Map<List<String>, List<SoundEvent>> groups = new LinkedHashMap<>();
        for (SoundEvent e : events) {
            Objects.requireNonNull(e, "event");
            fileOrder.putIfAbsent(String.valueOf(e.filename()), fileOrder.size());
            groups.computeIfAbsent(Arrays.asList(e.filename(), e.label()), g -> new ArrayList<>()).add(e);
        }
        List<SoundEvent> merged = new ArrayList<>();
        for (List<SoundEvent> group : groups.values()) {
            group.sort(Comparator.comparingDouble(SoundEvent::onset));
            SoundEvent current = group.get(0);
            for (SoundEvent next : group.subList(1, group.size())) {
                if (next.onset() <= current.offset()) {
                    current = new SoundEvent(current.filename(), current.onset(),
                            Math.max(current.offset(), next.offset()), current.label());
                } else {
                    merged.add(current);
                    current = next;
                }
            }
            merged.add(current);
        }
        merged.sort(Comparator.<SoundEvent>comparingInt(e -> fileOrder.get(String.valueOf(e.filename())))
                .thenComparingDouble(SoundEvent::onset).thenComparing(SoundEvent::label));
        return merged;
    }
}
