package org.flam.metrics.internal.psds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.flam.api.SoundEvent;
import org.flam.metrics.SedPostprocessing;

/**
 * Ground truth ready for counting: per file and label the events merged where they overlap
 * or touch (SPEC §6; {@code sed_scores_eval} refuses such events, {@code psds_eval} counts
 * them twice), and per label the number of events {@code n_ref} and their total duration
 * {@code t_ref} in seconds after merging.
 */
final class GroundTruthIndex {

    private final Map<String, Map<String, Intervals>> byFile = new HashMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private final Map<String, Double> durations = new TreeMap<>();

    GroundTruthIndex(Map<String, List<SoundEvent>> groundTruth) {
        Objects.requireNonNull(groundTruth, "groundTruth");
        groundTruth.forEach((file, events) -> {
            Objects.requireNonNull(events, "groundTruth[" + file + "]");
            Map<String, List<SoundEvent>> perLabel = new LinkedHashMap<>();
            for (SoundEvent e : SedPostprocessing.mergeOverlapping(
                    events.stream().map(ev -> ev.withFilename(null)).toList())) {
                perLabel.computeIfAbsent(e.label(), l -> new ArrayList<>()).add(e);
            }
            Map<String, Intervals> labels = new HashMap<>();
            perLabel.forEach((label, list) -> {
                Intervals intervals = Intervals.ofMerged(list);
                labels.put(label, intervals);
                counts.merge(label, intervals.size(), Integer::sum);
                durations.merge(label, intervals.totalDuration(), Double::sum);
            });
            byFile.put(file, labels);
        });
    }

    /** Files that have ground truth (possibly without events). */
    Set<String> files() {
        return byFile.keySet();
    }

    /** Labels with at least one event, sorted. */
    Set<String> labels() {
        return counts.keySet();
    }

    /** Labels with events in {@code file}. */
    Set<String> labelsIn(String file) {
        return byFile.getOrDefault(file, Map.of()).keySet();
    }

    /** The merged events of {@code label} in {@code file}; empty if none. */
    Intervals events(String file, String label) {
        return byFile.getOrDefault(file, Map.of()).getOrDefault(label, Intervals.EMPTY);
    }

    /** {@code n_ref}: number of merged events of {@code label} over all files. */
    int count(String label) {
        return counts.getOrDefault(label, 0);
    }

    /** {@code t_ref}: total duration in seconds of the merged events of {@code label}. */
    double duration(String label) {
        return durations.getOrDefault(label, 0.0);
    }
}
