package org.flam.metrics.internal.psds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.SoundEvent;
import org.flam.metrics.internal.psds.PsdsCalculator.LabelCounts;

/**
 * PSDS from frame scores, as {@code sed_scores_eval.intersection_based.psds} computes it:
 * every distinct score of a label is a decision threshold ({@code score >= θ} detects), so
 * the PSD-ROC is exact rather than sampled at a few thresholds.
 *
 * <p>The files are the keys of {@code scores}; the labels are the union of their columns. A
 * label is evaluated in the files that have it as a column (an open-vocabulary set gives each
 * file its own captions); ground-truth events must be of a label scored in their file, and
 * every label needs at least one event ({@code sed_scores_eval} refuses both too: a label
 * without positives has no TPR).
 */
final class FrameScorePsds {

    private FrameScorePsds() {
    }

    /**
     * @throws IllegalArgumentException if there are no scores, a scored file has no duration,
     *                                  the durations sum to 0, ground truth names a file without
     *                                  scores or a label its file does not score, or a label
     *                                  has no ground-truth event
     */
    static PsdsResult compute(Map<String, FrameScores> scores, Map<String, List<SoundEvent>> groundTruth,
            Map<String, Double> durations, PsdsParameters parameters) {
        Objects.requireNonNull(scores, "scores");
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("no score tables");
        }
        double seconds = Inputs.totalSeconds(durations, scores.keySet());
        GroundTruthIndex gt = new GroundTruthIndex(groundTruth);
        TreeSet<String> labelSet = new TreeSet<>();
        scores.values().forEach(s -> labelSet.addAll(Objects.requireNonNull(s, "scores").labels()));
        for (String file : gt.files()) {
            FrameScores table = scores.get(file);
            if (table == null) {
                throw new IllegalArgumentException("ground truth names file " + file + ", which has no scores");
            }
            for (String label : gt.labelsIn(file)) {
                if (table.indexOf(label) < 0) {
                    throw new IllegalArgumentException("ground truth of " + file + " has \"" + label
                            + "\", which its score table does not score; columns: " + table.labels());
                }
            }
        }
        List<String> labels = List.copyOf(labelSet);
        List<String> withoutEvents = labels.stream().filter(l -> gt.count(l) == 0).toList();
        if (!withoutEvents.isEmpty()) {
            throw new IllegalArgumentException("labels without ground-truth events (no TPR is defined): " + withoutEvents);
        }
        Map<String, Integer> index = new HashMap<>();
        labels.forEach(l -> index.put(l, index.size()));
        int k = labels.size();
        boolean crossTriggers = parameters.countsCrossTriggers();
        List<ChangePoints> changes = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            changes.add(new ChangePoints(crossTriggers ? k : 0));
        }
        ThresholdSweep sweep = new ThresholdSweep(new IntersectionCounter(parameters));
        for (Map.Entry<String, FrameScores> file : scores.entrySet()) {
            FrameScores table = file.getValue();
            double[] times = boundaries(table.grid());
            List<String> columns = table.labels();
            Intervals[] others = null;
            if (crossTriggers) {
                others = new Intervals[k];
                for (String label : columns) {
                    Intervals events = gt.events(file.getKey(), label);
                    others[index.get(label)] = events.size() == 0 ? null : events;
                }
            }
            float[] column = new float[table.frameCount()];
            for (int j = 0; j < columns.size(); j++) {
                int c = index.get(columns.get(j));
                for (int f = 0; f < column.length; f++) {
                    column[f] = table.score(f, j);
                }
                Intervals self = crossTriggers ? others[c] : null;
                if (crossTriggers) {
                    // A label does not cross-trigger on itself.
                    others[c] = null;
                }
                sweep.sweep(column, times, gt.events(file.getKey(), columns.get(j)), others, changes.get(c));
                if (crossTriggers) {
                    others[c] = self;
                }
            }
        }
        List<LabelCounts> counts = changes.stream().map(ChangePoints::accumulate).toList();
        return PsdsCalculator.compute(labels, counts, gt, seconds, parameters, 0);
    }

    /** Frame boundaries in seconds: each frame's onset, then the last frame's offset. */
    private static double[] boundaries(FrameGrid grid) {
        int frames = grid.frameCount();
        double[] times = new double[frames + 1];
        for (int f = 0; f < frames; f++) {
            times[f] = grid.onset(f);
        }
        if (frames > 0) {
            times[frames] = grid.offset(frames - 1);
        }
        return times;
    }
}
