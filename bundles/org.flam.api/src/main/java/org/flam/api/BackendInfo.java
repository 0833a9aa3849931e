package org.flam.api;

import java.util.Map;
import java.util.Objects;

/**
 * What a numerics backend reports about itself.
 *
 * @param name     backend name, e.g. {@code nd4j-cpu} or {@code nd4j-cuda}
 * @param device   human-readable device, e.g. {@code "x86_64, 2 cores, avx2"} or a GPU model
 * @param threads  number of compute threads the backend uses (OpenMP threads for ND4J CPU)
 * @param versions library name to version, e.g. {@code nd4j -> 1.0.0-M2.1}; unmodifiable
 */
public record BackendInfo(String name, String device, int threads, Map<String, String> versions) {

    /** Validates and copies; {@code versions} is copied so the record owns its map. */
    public BackendInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        versions = Map.copyOf(versions);
    }
}
