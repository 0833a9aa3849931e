package org.flam.api.detect;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens a trained model directory (DESIGN.md: graph and weights, {@code manifest.json},
 * {@code model.json}) as a {@link Detector}.
 *
 * <p>Registered by the detection runtime; commands and products that take a model path (for
 * example {@code flam detect --model M}, {@code flam eval model --model M}) call it. Loading
 * first compares the model's manifest with the installed bundles and fails with a message
 * naming every missing bundle, before any graph is read.
 *
 * <p>Implementations are thread-safe and may cache loaded models by directory.
 */
@ProviderType
public interface ModelLoader {

    /**
     * Loads a model.
     *
     * @param modelDirectory a model directory written by the trainer
     * @return a detector over that model, ready to use
     * @throws IOException           if the directory or a file in it is missing or unreadable
     * @throws IllegalStateException if a bundle the model's manifest names is not installed;
     *                               the message names each missing bundle and version
     */
    Detector load(Path modelDirectory) throws IOException;

    /**
     * The detector of the default model of this assembly (the configured model directory,
     * for the shipped assemblies the project's own model under {@code models/}).
     *
     * @throws IOException           as for {@link #load}
     * @throws IllegalStateException as for {@link #load}, or if no default model is configured
     */
    Detector loadDefault() throws IOException;
}
