package org.flam.eval.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.flam.metrics.SedPostprocessing;

/**
 * What {@code eval scores} and {@code eval model} share: the assembly's frame-score
 * {@link Metric} services (by {@code name()}), the choice among them, the median filter before
 * scoring and the evaluation itself. Thread-safe.
 */
final class MetricRunner {

    private final Map<String, Metric> metrics = new TreeMap<>();

    void add(Metric metric) {
        synchronized (metrics) {
            metrics.put(metric.name(), metric);
        }
    }

    void remove(Metric metric) {
        synchronized (metrics) {
            metrics.remove(metric.name(), metric);
        }
    }

    /**
     * The named frame-score metrics, or all of them (in name order) when {@code names} is empty.
     *
     * @throws IllegalStateException    if none is named and the assembly has none
     * @throws IllegalArgumentException if a name is not a frame-score metric of the assembly
     */
    List<Metric> choose(List<String> names) {
        synchronized (metrics) {
            List<Metric> frameMetrics = new ArrayList<>();
            metrics.values().stream().filter(m -> m.input() == Metric.Input.FRAME_SCORES).forEach(frameMetrics::add);
            if (names.isEmpty()) {
                if (frameMetrics.isEmpty()) {
                    throw new IllegalStateException("this assembly has no frame-score Metric service");
                }
                return frameMetrics;
            }
            List<Metric> chosen = new ArrayList<>();
            for (String name : names) {
                Metric m = metrics.get(name);
                if (m == null || m.input() != Metric.Input.FRAME_SCORES) {
                    throw new IllegalArgumentException("--metrics: no frame-score metric '" + name + "'; available: "
                            + new TreeSet<>(frameMetrics.stream().map(Metric::name).toList()));
                }
                chosen.add(m);
            }
            return chosen;
        }
    }

    /** The scores after an {@code median}-frame median filter per column (1: unchanged), in a new map. */
    static Map<String, FrameScores> medianFiltered(Map<String, FrameScores> scores, int median) {
        Map<String, FrameScores> filtered = new TreeMap<>(scores);
        if (median > 1) {
            filtered.replaceAll((file, table) -> SedPostprocessing.medianFilter(table, median));
        }
        return filtered;
    }

    /**
     * Runs each metric on (already filtered) scores, with its parameter overrides from
     * {@code parameters} (by metric name; absent = the metric's configured defaults).
     */
    static Map<String, MetricResult> evaluate(List<Metric> chosen, Map<String, FrameScores> scores,
            Map<String, List<SoundEvent>> truth, Map<String, Double> durations,
            Map<String, Map<String, Double>> parameters) {
        Map<String, MetricResult> results = new LinkedHashMap<>();
        for (Metric m : chosen) {
            results.put(m.name(), m.evaluateScores(scores, truth, durations, parameters.getOrDefault(m.name(), Map.of())));
        }
        return results;
    }
}
