package org.flam.metrics.internal.segment;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Per-call parameter overrides of a {@link org.flam.api.spi.Metric}: checks that every key is
 * one the metric knows (the SPI makes an unknown key an error, so a misspelt override can
 * never be silently ignored) and reads values with a fallback to the configured default.
 */
public final class Parameters {

    private final Map<String, Double> overrides;

    private Parameters(Map<String, Double> overrides) {
        this.overrides = overrides;
    }

    /**
     * Checks the overrides of one call.
     *
     * @param overrides key to value; may be empty
     * @param metric    the metric's name, for messages
     * @param known     the keys the metric accepts
     * @throws NullPointerException     if {@code overrides}, a key or a value is null
     * @throws IllegalArgumentException if a key is not in {@code known} or a value is NaN
     */
    public static Parameters of(Map<String, Double> overrides, String metric, Set<String> known) {
        Objects.requireNonNull(overrides, "parameters");
        overrides.forEach((key, value) -> {
            Objects.requireNonNull(key, "parameter key");
            Objects.requireNonNull(value, "parameters[" + key + "]");
            if (!known.contains(key)) {
                throw new IllegalArgumentException(
                        metric + " has no parameter \"" + key + "\"; known: " + known);
            }
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("parameter " + key + " must not be NaN");
            }
        });
        return new Parameters(Map.copyOf(overrides));
    }

    /** The override of {@code key}, or {@code fallback} where the call gives none. */
    public double get(String key, double fallback) {
        return overrides.getOrDefault(key, fallback);
    }

    /** Returns {@code value} if it is finite, else throws naming {@code key}. */
    public static double finite(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " must be finite, got " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is finite and {@code > 0}, else throws naming {@code key}. */
    public static double positive(String key, double value) {
        if (!(finite(key, value) > 0)) {
            throw new IllegalArgumentException(key + " must be > 0, got " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is finite and {@code >= 0}, else throws naming {@code key}. */
    public static double nonNegative(String key, double value) {
        if (!(finite(key, value) >= 0)) {
            throw new IllegalArgumentException(key + " must be >= 0, got " + value);
        }
        return value;
    }
}
