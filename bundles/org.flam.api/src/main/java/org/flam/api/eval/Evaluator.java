package org.flam.api.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Evaluates a trained model on a labelled data set with the configured metrics (SPEC §6).
 * Registered by the evaluation runtime; the {@code eval} command calls it.
 *
 * <p>The model's frame grid is read from the model (its encoder), never assumed; frame
 * outputs go through the 3-frame median filter of SPEC §3 before scoring.
 */
@ProviderType
public interface Evaluator {

    /**
     * Runs the model over every file of the data set and computes the configured metrics.
     *
     * @param modelDirectory  a model directory (graph, weights, manifest); its required bundles
     *                        must be installed
     * @param dataDirectory   audio and DCASE TSV ground truth, as the evaluator documents
     * @param outputDirectory where score tables, detections and the report are written;
     *                        created if missing (may be the model directory)
     * @param progress        receives the fraction of files done, in {@code [0, 1]}, on the
     *                        calling thread; must return quickly
     * @return metric values and the written files
     * @throws IOException              if the model or data cannot be read or the outputs not
     *                                  written
     * @throws IllegalStateException    if bundles the model needs are missing (the message
     *                                  names them)
     */
    EvaluationReport evaluate(Path modelDirectory, Path dataDirectory, Path outputDirectory,
            DoubleConsumer progress) throws IOException;
}
