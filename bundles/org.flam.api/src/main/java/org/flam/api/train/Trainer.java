package org.flam.api.train;

import java.io.IOException;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Trains a model: assembles the configured audio encoder, heads and losses into one SameDiff
 * graph, feeds it batches (with the configured augmenters) and writes a model directory
 * (DESIGN.md). Registered by the training runtime; the {@code train} command calls it.
 *
 * <p>Training checkpoints atomically (a checkpoint is complete or absent, never half
 * written), so an interrupted run continues with {@link TrainingRequest#resume()} and
 * reaches the same result as an uninterrupted one with the same seed.
 */
@ProviderType
public interface Trainer {

    /**
     * Runs training to completion on the calling thread.
     *
     * @param request  data, output, seed and length of the run
     * @param progress called on the training thread after steps, at the trainer's reporting
     *                 interval, and after the last step; must return quickly
     * @return the written model
     * @throws IOException              if data cannot be read or the model not written
     * @throws InterruptedException     if the calling thread is interrupted; the trainer
     *                                  stops after the current step, having written a
     *                                  checkpoint to resume from
     * @throws IllegalArgumentException if the request conflicts with the model directory
     *                                  (a checkpoint exists but {@code resume} is false)
     */
    TrainingResult train(TrainingRequest request, Consumer<TrainingProgress> progress)
            throws IOException, InterruptedException;
}
