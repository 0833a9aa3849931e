package org.flam.api.train;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Copies loss-term maps the same way for every record of this package. */
final class LossTerms {

    private LossTerms() {
    }

    /**
     * A sorted unmodifiable copy. NaN and infinite values are kept: a diverging run must be
     * reported as such, not rejected by its own progress report.
     */
    static Map<String, Double> copy(Map<String, Double> terms, String field) {
        Objects.requireNonNull(terms, field);
        Map<String, Double> copy = new TreeMap<>();
        terms.forEach((name, value) -> {
            Objects.requireNonNull(name, field + " name");
            if (name.isBlank()) {
                throw new IllegalArgumentException(field + " name must not be blank");
            }
            copy.put(name, Objects.requireNonNull(value, field + "[" + name + "]"));
        });
        return Collections.unmodifiableMap(copy);
    }
}
