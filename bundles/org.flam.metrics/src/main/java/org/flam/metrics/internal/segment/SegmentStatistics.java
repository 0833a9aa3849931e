package org.flam.metrics.internal.segment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.flam.api.FrameScores;
import org.flam.api.SoundEvent;

/**
 * Segment-based counts of every label over a set of files ({@code sed_scores_eval}'s
 * {@code segment_based.accumulated_intermediate_statistics}): each file is cut into
 * {@link FileSegments}, and each segment of each label the file's score table has becomes
 * one item of that label's {@link ThresholdCurve}: a true positive where its target is set,
 * else a false positive.
 *
 * <p>Which labels a file is evaluated on: the columns of its score table, and only those.
 * A label missing from a file's table is not evaluated for that file (its segments count
 * neither as positives nor as negatives), and a ground-truth event whose label is not a
 * column is ignored; this is how an open-vocabulary set scores each clip only against its
 * own captions (SPEC §6). A file without ground truth (absent or an empty list) has only
 * negative segments. {@code sed_scores_eval} instead requires one label set for all files
 * and rejects events of other labels; on such inputs the two agree.
 */
final class SegmentStatistics {

    private SegmentStatistics() {
    }

    /**
     * Collects.
     *
     * @param scores         file to score table
     * @param groundTruth    file to events; a file may be absent
     * @param durations      file to duration in seconds, for every scored file
     * @param segmentSeconds segment length in seconds
     * @return label to its counts, labels in order of first appearance
     * @throws IllegalArgumentException if a scored file has no duration or an invalid one
     */
    static Map<String, ThresholdCurve> collect(Map<String, FrameScores> scores,
            Map<String, List<SoundEvent>> groundTruth, Map<String, Double> durations,
            double segmentSeconds) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(groundTruth, "groundTruth");
        Objects.requireNonNull(durations, "durations");
        Map<String, ThresholdCurve.Builder> builders = new LinkedHashMap<>();
        scores.forEach((file, table) -> {
            Objects.requireNonNull(table, "scores[" + file + "]");
            Double duration = durations.get(file);
            if (duration == null) {
                throw new IllegalArgumentException("no duration for scored file " + file);
            }
            FileSegments segments = FileSegments.of(table.grid(), duration, segmentSeconds);
            LabelEvents truth = LabelEvents.of(groundTruth.get(file));
            for (int c = 0; c < table.labels().size(); c++) {
                String label = table.labels().get(c);
                boolean[] target = segments.targets(truth.forLabel(label));
                ThresholdCurve.Builder b = builders.computeIfAbsent(label, l -> new ThresholdCurve.Builder());
                for (int i = 0; i < segments.count(); i++) {
                    b.add(segments.score(table, c, i), target[i] ? 1 : 0, target[i] ? 0 : 1);
                }
            }
        });
        Map<String, ThresholdCurve> curves = new LinkedHashMap<>();
        builders.forEach((label, b) -> curves.put(label, b.build()));
        return curves;
    }
}
