package org.flam.metrics.internal.psds;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/** Checks on the maps a metric is given, with messages that name the offending file. */
final class Inputs {

    private Inputs() {
    }

    /**
     * Sum of the durations of {@code files}, in seconds.
     *
     * @throws IllegalArgumentException if a file has no duration, a duration is not finite and
     *                                  {@code >= 0}, or the sum is not {@code > 0} (false positive
     *                                  rates would be undefined)
     */
    static double totalSeconds(Map<String, Double> durations, Collection<String> files) {
        Objects.requireNonNull(durations, "durations");
        double sum = 0;
        for (String file : files) {
            Double d = durations.get(file);
            if (d == null) {
                throw new IllegalArgumentException("no duration for file " + file);
            }
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("duration of " + file + " must be finite and >= 0 s, got " + d);
            }
            sum += d;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the evaluated files have no duration: false positive rates are undefined");
        }
        return sum;
    }

    /** @throws IllegalArgumentException naming the first of {@code files} without a duration */
    static void requireDurations(Collection<String> files, Map<String, Double> durations, String what) {
        for (String file : files) {
            if (!durations.containsKey(file)) {
                throw new IllegalArgumentException(what + " names file " + file + ", which has no duration");
            }
        }
    }
}
