package org.flam.api.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One training run. Which encoders, heads, losses and augmenters are trained, and the
 * optimiser settings, come from the trainer's component configuration (the assembly), not
 * from here: a run is "this assembly on this data", so SPEC §5's two stages are two
 * assemblies, the second started from the first one's model.
 *
 * @param dataDirectory  training data (corpus, mixtures, text-audio pairs) as the trainer's
 *                       documentation describes
 * @param modelDirectory where the model, its checkpoints and manifest are written
 * @param initialModel   a model directory whose weights initialise the graph (stage 2 from
 *                       stage 1), or null to start from the encoders' initial weights
 * @param seed           seed of every random choice (data order, augmentation, init)
 * @param steps          total optimiser steps, {@code > 0}
 * @param batchSize      clips per step, {@code > 0}
 * @param resume         whether to continue from the newest checkpoint in
 *                       {@code modelDirectory}; if false and one exists, the trainer refuses
 *                       rather than overwrite it
 */
public record TrainingRequest(Path dataDirectory, Path modelDirectory, Path initialModel,
        long seed, long steps, int batchSize, boolean resume) {

    /**
     * Validates.
     *
     * @throws NullPointerException     if {@code dataDirectory} or {@code modelDirectory} is null
     * @throws IllegalArgumentException if {@code steps} or {@code batchSize} is not positive,
     *                                  or {@code initialModel} is {@code modelDirectory}
     */
    public TrainingRequest {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(modelDirectory, "modelDirectory");
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be > 0, got " + steps);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        if (initialModel != null && initialModel.toAbsolutePath().normalize()
                .equals(modelDirectory.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("initialModel must differ from modelDirectory ("
                    + modelDirectory + "): training would overwrite its own starting point");
        }
    }

    /** The initial model, if any. */
    public Optional<Path> initial() {
        return Optional.ofNullable(initialModel);
    }
}
