package org.flam.api.eval;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of evaluating a model on a data set: headline metric values and the files
 * written (frame score TSVs, detections TSV, JSON report, PNG curves).
 *
 * @param modelDirectory the evaluated model
 * @param dataDirectory  the evaluation data
 * @param metrics        value name to value, named as in {@code org.flam.api.MetricResult}
 *                       (e.g. {@code auroc}, {@code psds1}, {@code auroc/dog barking}); NaN
 *                       where undefined, never infinite; unmodifiable, sorted
 * @param files          every file written, in the order written; unmodifiable
 */
public record EvaluationReport(Path modelDirectory, Path dataDirectory, Map<String, Double> metrics,
        List<Path> files) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if an argument, a name, a value or a path is null
     * @throws IllegalArgumentException if a name is blank or a value is infinite
     */
    public EvaluationReport {
        Objects.requireNonNull(modelDirectory, "modelDirectory");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(metrics, "metrics");
        Map<String, Double> copy = new TreeMap<>();
        metrics.forEach((name, value) -> {
            Objects.requireNonNull(name, "metrics name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("metrics name must not be blank");
            }
            Objects.requireNonNull(value, "metrics[" + name + "]");
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException(
                        "metrics[" + name + "] must be finite or NaN, got " + value);
            }
            copy.put(name, value);
        });
        metrics = Collections.unmodifiableMap(copy);
        files = List.copyOf(files);
    }
}
