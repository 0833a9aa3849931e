package org.flam.metrics.internal.psds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.flam.api.SoundEvent;
import org.flam.metrics.internal.psds.PsdsCalculator.LabelCounts;

/**
 * PSDS from operating points, as {@code psds_eval} computes it: each operating point is a
 * complete detection table; it gives every label one (eFPR, TPR) point, and the empty
 * detection (0, 0) is added. Intersections are counted with {@link IntersectionCounter}
 * ({@code sed_scores_eval}'s comparisons, which agree with {@code psds_eval}'s up to the
 * 6-decimal rounding of times).
 *
 * <p>The labels are those of the ground truth (as {@code psds_eval} takes them); the files are
 * the keys of {@code durations}, whose sum is the duration false positive rates are per.
 */
final class OperatingPointPsds {

    private OperatingPointPsds() {
    }

    /**
     * @throws IllegalArgumentException if there is no operating point, no ground-truth event,
     *                                  no positive total duration, a detected label without
     *                                  ground truth, or a file with detections or ground truth
     *                                  but no duration
     */
    static PsdsResult compute(List<Map<String, List<SoundEvent>>> operatingPoints,
            Map<String, List<SoundEvent>> groundTruth, Map<String, Double> durations, PsdsParameters parameters) {
        Objects.requireNonNull(operatingPoints, "operatingPoints");
        if (operatingPoints.isEmpty()) {
            throw new IllegalArgumentException("at least one operating point (detection table) is needed");
        }
        double seconds = Inputs.totalSeconds(durations, durations.keySet());
        GroundTruthIndex gt = new GroundTruthIndex(groundTruth);
        Inputs.requireDurations(gt.files(), durations, "ground truth");
        List<String> labels = List.copyOf(gt.labels());
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("the ground truth has no events: PSDS is undefined");
        }
        Map<String, Integer> index = new HashMap<>();
        labels.forEach(l -> index.put(l, index.size()));
        int k = labels.size();
        int n = operatingPoints.size() + 1;
        boolean crossTriggers = parameters.countsCrossTriggers();
        int[][] tp = new int[k][n];
        int[][] fp = new int[k][n];
        int[][][] ct = new int[k][k][n];
        IntersectionCounter counter = new IntersectionCounter(parameters);
        int[] crossBuffer = new int[k];
        for (int i = 0; i < operatingPoints.size(); i++) {
            Map<String, List<SoundEvent>> table = Objects.requireNonNull(operatingPoints.get(i), "operating point " + i);
            Inputs.requireDurations(table.keySet(), durations, "detections of operating point " + i);
            for (Map.Entry<String, List<SoundEvent>> file : table.entrySet()) {
                Map<Integer, List<SoundEvent>> byLabel = new HashMap<>();
                for (SoundEvent e : Objects.requireNonNull(file.getValue(), "detections of " + file.getKey())) {
                    Integer c = index.get(e.label());
                    if (c == null) {
                        throw new IllegalArgumentException("operating point " + i + " detects \"" + e.label() + "\" in "
                                + file.getKey() + " but that label has no ground-truth events; labels: " + labels);
                    }
                    byLabel.computeIfAbsent(c, x -> new ArrayList<>()).add(e);
                }
                Intervals[] others = crossTriggers ? new Intervals[k] : null;
                if (crossTriggers) {
                    for (int o = 0; o < k; o++) {
                        Intervals events = gt.events(file.getKey(), labels.get(o));
                        others[o] = events.size() == 0 ? null : events;
                    }
                }
                for (Map.Entry<Integer, List<SoundEvent>> detections : byLabel.entrySet()) {
                    int c = detections.getKey();
                    List<SoundEvent> list = detections.getValue();
                    double[] on = list.stream().mapToDouble(SoundEvent::onset).toArray();
                    double[] off = list.stream().mapToDouble(SoundEvent::offset).toArray();
                    int[] counts = counter.count(on, off, on.length, gt.events(file.getKey(), labels.get(c)), others,
                            crossBuffer);
                    tp[c][i] += counts[0];
                    fp[c][i] += counts[1];
                    if (crossTriggers) {
                        // crossBuffer[c] counts the label against itself: not a cross-trigger.
                        for (int o = 0; o < k; o++) {
                            ct[c][o][i] += o == c ? 0 : crossBuffer[o];
                        }
                    }
                }
            }
        }
        List<LabelCounts> counts = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            counts.add(new LabelCounts(tp[c], fp[c], crossTriggers ? ct[c] : null));
        }
        return PsdsCalculator.compute(labels, counts, gt, seconds, parameters, operatingPoints.size());
    }
}
