package org.flam.metrics.internal.segment;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.SoundEvent;

/**
 * Collar-based counts of every label over a set of files, at every threshold
 * ({@code sed_scores_eval}'s {@code collar_based.accumulated_intermediate_statistics}).
 *
 * <p>Per file and label column: for each distinct score {@code u} of the column, the
 * detections are the runs of consecutive frames with score {@code >= u}, from the onset of
 * the run's first frame to the offset of its last ({@code f / fps} seconds); they are
 * {@link CollarMatching matched} to the label's merged ground-truth events, giving
 * {@code tp(u)} and {@code fp(u) = detections - tp(u)}. The file contributes the changes
 * between consecutive distinct scores to the label's {@link ThresholdCurve}, so counts add
 * up over files at any threshold. The references are the label's merged ground-truth events
 * in the files whose table has the label (which labels a file is evaluated on: as in
 * {@link SegmentStatistics}). Durations are not needed.
 */
final class CollarStatistics {

    private CollarStatistics() {
    }

    static Map<String, LabelCounts> collect(Map<String, FrameScores> scores,
            Map<String, List<SoundEvent>> groundTruth, CollarMatching matching) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(groundTruth, "groundTruth");
        Map<String, ThresholdCurve.Builder> builders = new LinkedHashMap<>();
        Map<String, Long> references = new LinkedHashMap<>();
        scores.forEach((file, table) -> {
            Objects.requireNonNull(table, "scores[" + file + "]");
            LabelEvents truth = LabelEvents.of(groundTruth.get(file));
            for (int c = 0; c < table.labels().size(); c++) {
                String label = table.labels().get(c);
                List<SoundEvent> events = truth.forLabel(label);
                references.merge(label, (long) events.size(), Long::sum);
                addFile(builders.computeIfAbsent(label, l -> new ThresholdCurve.Builder()),
                        table.grid(), table.column(label), events, matching);
            }
        });
        Map<String, LabelCounts> counts = new LinkedHashMap<>();
        builders.forEach((label, b) -> counts.put(label, new LabelCounts(b.build(), references.get(label))));
        return counts;
    }

    private static void addFile(ThresholdCurve.Builder builder, FrameGrid grid, float[] column,
            List<SoundEvent> events, CollarMatching matching) {
        float[] distinct = distinctAscending(column);
        double[] onsets = new double[column.length];
        double[] offsets = new double[column.length];
        long tpAbove = 0;
        long fpAbove = 0;
        // from the highest distinct score down, so each change is (counts at u) - (counts above u)
        for (int k = distinct.length - 1; k >= 0; k--) {
            int count = detections(column, distinct[k], grid, onsets, offsets);
            long tp = matching.truePositives(onsets, offsets, count, events);
            long fp = count - tp;
            if (tp != tpAbove || fp != fpAbove) {
                builder.add(distinct[k], tp - tpAbove, fp - fpAbove);
            }
            tpAbove = tp;
            fpAbove = fp;
        }
    }

    /** Fills onsets/offsets with the runs of frames scoring {@code >= threshold}; returns their number. */
    private static int detections(float[] column, float threshold, FrameGrid grid, double[] onsets,
            double[] offsets) {
        int count = 0;
        int start = -1;
        for (int f = 0; f <= column.length; f++) {
            boolean on = f < column.length && column[f] >= threshold;
            if (on && start < 0) {
                start = f;
            } else if (!on && start >= 0) {
                onsets[count] = grid.onset(start);
                offsets[count] = grid.offset(f - 1);
                count++;
                start = -1;
            }
        }
        return count;
    }

    private static float[] distinctAscending(float[] column) {
        float[] sorted = column.clone();
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] += 0.0f; // -0.0 and 0.0 are one score
        }
        Arrays.sort(sorted);
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (m == 0 || sorted[i] != sorted[m - 1]) {
                sorted[m++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, m);
    }
}
