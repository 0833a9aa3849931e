package org.flam.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Validation shared by the value types, so every one reports a bad field the same way:
 * the field's name and the offending value.
 */
final class Checks {

    private Checks() {
    }

    /**
     * A non-null string with visible characters and no tab or line break: labels, names and
     * file names end up as cells of tab-separated files (DCASE TSV, sed_scores_eval tables),
     * where a tab or newline would silently shift columns.
     */
    static String tsvCell(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, got \"" + value + "\"");
        }
        if (value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(
                    field + " must not contain tabs or line breaks, got \"" + escape(value) + "\"");
        }
        return value;
    }

    static String nonBlank(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, got \"" + value + "\"");
        }
        return value;
    }

    static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be finite, got " + value);
        }
        return value;
    }

    static double positive(double value, String field) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /**
     * An unmodifiable copy of distinct TSV-safe labels in their given order; order matters
     * because it is the column order of score tables and the row order of probabilities.
     */
    static List<String> distinctLabels(Collection<String> labels, String field) {
        Objects.requireNonNull(labels, field);
        List<String> copy = new ArrayList<>(labels.size());
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (String label : labels) {
            tsvCell(label, field + "[" + i + "]");
            if (!seen.add(label)) {
                throw new IllegalArgumentException(field + " must be distinct, \"" + label
                        + "\" repeats at index " + i);
            }
            copy.add(label);
            i++;
        }
        return Collections.unmodifiableList(copy);
    }

    /** A deep copy of a rectangular matrix with {@code rows x cols} finite entries. */
    static float[][] matrix(float[][] values, int rows, int cols, String field, String shape) {
        Objects.requireNonNull(values, field);
        if (values.length != rows) {
            throw new IllegalArgumentException(field + " must be " + shape + " with " + rows
                    + " rows, got " + values.length);
        }
        float[][] copy = new float[rows][];
        for (int r = 0; r < rows; r++) {
            float[] row = Objects.requireNonNull(values[r], field + "[" + r + "]");
            if (row.length != cols) {
                throw new IllegalArgumentException(field + "[" + r + "] must have " + cols
                        + " entries (" + shape + "), got " + row.length);
            }
            for (int c = 0; c < cols; c++) {
                if (!Float.isFinite(row[c])) {
                    throw new IllegalArgumentException(
                            field + "[" + r + "][" + c + "] must be finite, got " + row[c]);
                }
            }
            copy[r] = row.clone();
        }
        return copy;
    }

    static float[][] deepCopy(float[][] values) {
        float[][] copy = new float[values.length][];
        for (int r = 0; r < values.length; r++) {
            copy[r] = values[r].clone();
        }
        return copy;
    }

    /** Checks every entry of a matrix lies in {@code [0, 1]}. */
    static void unitInterval(float[][] values, String field) {
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                float v = values[r][c];
                if (!(v >= 0f && v <= 1f)) {
                    throw new IllegalArgumentException(
                            field + "[" + r + "][" + c + "] must be in [0, 1], got " + v);
                }
            }
        }
    }

    private static String escape(String value) {
        return value.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
