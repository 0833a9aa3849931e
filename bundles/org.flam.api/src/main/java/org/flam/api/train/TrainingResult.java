package org.flam.api.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.flam.api.ModelManifest;

/**
 * The outcome of a completed training run.
 *
 * @param modelDirectory where the model was written (graph, weights, manifest)
 * @param manifest       the manifest written with it
 * @param steps          optimiser steps completed in total, including those before a resume,
 *                       {@code > 0}
 * @param finalLossTerms loss terms of the last step, by name, as in
 *                       {@link TrainingProgress#lossTerms()}; unmodifiable, sorted
 * @param wallSeconds    wall-clock seconds of this invocation (not of earlier resumed parts),
 *                       finite, {@code >= 0}
 */
public record TrainingResult(Path modelDirectory, ModelManifest manifest, long steps,
        Map<String, Double> finalLossTerms, double wallSeconds) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if an object argument is null
     * @throws IllegalArgumentException if {@code steps <= 0} or {@code wallSeconds} is negative
     *                                  or not finite
     */
    public TrainingResult {
        Objects.requireNonNull(modelDirectory, "modelDirectory");
        Objects.requireNonNull(manifest, "manifest");
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be > 0, got " + steps);
        }
        finalLossTerms = LossTerms.copy(finalLossTerms, "finalLossTerms");
        if (!(wallSeconds >= 0) || Double.isInfinite(wallSeconds)) {
            throw new IllegalArgumentException(
                    "wallSeconds must be finite and >= 0, got " + wallSeconds);
        }
    }
}
