package org.flam.metrics.ranking;

import java.util.Objects;

/** Checks of the similarity matrices and index arrays given to {@link Retrieval} and {@link ZeroShot}. */
final class Similarities {

    private Similarities() {
    }

    /**
     * Checks that {@code matrix} is {@code [rows][columns]} with {@code rows >= 1},
     * {@code columns >= 1}, no NaN, and that every {@code index[r]} is a column.
     *
     * @return the number of columns
     */
    static int check(double[][] matrix, int[] index, String shape) {
        Objects.requireNonNull(matrix, "similarity");
        Objects.requireNonNull(index, "index");
        if (matrix.length == 0 || matrix.length != index.length) {
            throw new IllegalArgumentException("similarity must be " + shape + " with one row per index entry and "
                    + "at least one row, got " + matrix.length + " rows for " + index.length + " entries");
        }
        int columns = Objects.requireNonNull(matrix[0], "similarity[0]").length;
        if (columns == 0) {
            throw new IllegalArgumentException("similarity must have at least one column");
        }
        for (int r = 0; r < matrix.length; r++) {
            double[] row = Objects.requireNonNull(matrix[r], "similarity[" + r + "]");
            if (row.length != columns) {
                throw new IllegalArgumentException("similarity must be rectangular " + shape + ": row " + r
                        + " has " + row.length + " columns, row 0 has " + columns);
            }
            for (int c = 0; c < columns; c++) {
                if (Double.isNaN(row[c])) {
                    throw new IllegalArgumentException("similarity[" + r + "][" + c + "] is NaN");
                }
            }
            if (index[r] < 0 || index[r] >= columns) {
                throw new IllegalArgumentException("index " + index[r] + " of row " + r + " outside [0, " + columns + ")");
            }
        }
        return columns;
    }

    static void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
    }
}
