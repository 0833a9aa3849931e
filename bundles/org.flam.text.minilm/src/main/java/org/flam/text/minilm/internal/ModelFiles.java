package org.flam.text.minilm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;

/**
 * Copies the model resources out of the bundle once, into a per-size folder of the cache
 * directory, so ONNX Runtime can memory-map the model from a file.
 *
 * <p>Why: reading the 90 MB model from the bundle into a byte array (what the library does by
 * default) cost about 0.9 s of inflating at every start, and held the model twice in memory.
 * The copy is written to a temporary file and renamed, so a killed start never leaves a
 * truncated model behind.
 */
final class ModelFiles {

    static final String MODEL = "all-minilm-l6-v2.onnx";
    static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    private ModelFiles() {
    }

    /**
     * @param cacheDir  the cache root
     * @param resources opens a bundle resource by name, or returns null if absent
     * @param version   identifies the model build (part of the folder name)
     * @return the path of the model file on disk
     */
    static Path materialize(Path cacheDir, Function<String, InputStream> resources, String version, String name)
            throws IOException {
        Path dir = cacheDir.resolve("all-minilm-l6-v2-" + version);
        Path target = dir.resolve(name);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, name, ".part");
        try (InputStream in = resources.apply("model/" + name)) {
            if (in == null) {
                throw new IOException("The bundle has no model/" + name);
            }
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** $XDG_CACHE_HOME/flam/models, or ~/.cache/flam/models. */
    static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("flam").resolve("models");
    }

    static InputStream open(ClassLoader loader, String resource) {
        return loader.getResourceAsStream(resource);
    }
}
