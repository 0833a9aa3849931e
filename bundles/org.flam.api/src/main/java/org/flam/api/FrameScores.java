package org.flam.api;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Frame-wise scores of one file: the table {@code sed_scores_eval} reads
 * ({@code onset offset <label>...}, one row per frame, SPEC §6), held as a {@link FrameGrid}
 * (which gives each row's onset and offset), the label columns and a {@code float[F][K]}
 * matrix with row {@code f} = frame {@code f}, column {@code k} = {@code labels().get(k)}.
 *
 * <p>Also used for frame labels (targets {@code z} in {@code [0, 1]}, SPEC §2.3) of a
 * synthesized {@link Mixture}.
 *
 * <p>The record owns its matrix: the constructor copies it, and every accessor that returns
 * an array returns a new copy owned by the caller.
 *
 * @param grid   frame rate and count {@code F}
 * @param labels the {@code K} distinct column labels, in column order; TSV-safe; unmodifiable
 * @param scores {@code float[F][K]}, every entry finite (scores are usually probabilities in
 *               {@code [0, 1]} but may be logits; thresholds are chosen by the metric)
 */
public record FrameScores(FrameGrid grid, List<String> labels, float[][] scores) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if an argument, a label or a row is null
     * @throws IllegalArgumentException if labels repeat or are not TSV-safe, the matrix is not
     *                                  {@code [grid.frameCount()][labels.size()]}, or an entry
     *                                  is NaN or infinite
     */
    public FrameScores {
        Objects.requireNonNull(grid, "grid");
        labels = Checks.distinctLabels(labels, "labels");
        scores = Checks.matrix(scores, grid.frameCount(), labels.size(), "scores",
                "float[F][K]");
    }

    /**
     * Builds from a label-major matrix {@code float[K][F]} (the layout of
     * {@link Detection#probabilities()}), transposing it.
     *
     * @throws IllegalArgumentException if {@code columns} is not {@code [labels.size()][F]}
     *                                  or holds a non-finite entry
     */
    public static FrameScores ofColumns(FrameGrid grid, List<String> labels, float[][] columns) {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(labels, "labels");
        float[][] checked = Checks.matrix(columns, labels.size(), grid.frameCount(), "columns",
                "float[K][F]");
        float[][] rows = new float[grid.frameCount()][labels.size()];
        for (int k = 0; k < checked.length; k++) {
            for (int f = 0; f < checked[k].length; f++) {
                rows[f][k] = checked[k][f];
            }
        }
        return new FrameScores(grid, labels, rows);
    }

    /** Returns a new {@code float[F][K]} copy, owned by the caller. */
    @Override
    public float[][] scores() {
        return Checks.deepCopy(scores);
    }

    /** Number of frames {@code F}. */
    public int frameCount() {
        return grid.frameCount();
    }

    /** Score of frame {@code f} for label column {@code k}, without copying. */
    public float score(int f, int k) {
        return scores[f][k];
    }

    /** Column index of {@code label}, or -1 if it is not a column. */
    public int indexOf(String label) {
        return labels.indexOf(label);
    }

    /**
     * The scores of one label over time: a new {@code float[F]} owned by the caller.
     *
     * @throws IllegalArgumentException if {@code label} is not a column
     */
    public float[] column(String label) {
        int k = indexOf(label);
        if (k < 0) {
            throw new IllegalArgumentException("label \"" + label + "\" is not one of " + labels);
        }
        float[] column = new float[scores.length];
        for (int f = 0; f < scores.length; f++) {
            column[f] = scores[f][k];
        }
        return column;
    }

    /** The scores of frame {@code f}: a new {@code float[K]} owned by the caller. */
    public float[] row(int f) {
        return scores[f].clone();
    }

    /** Equal when grid, labels and every score are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FrameScores other
                && grid.equals(other.grid)
                && labels.equals(other.labels)
                && Arrays.deepEquals(scores, other.scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(grid, labels, Arrays.deepHashCode(scores));
    }

    /** Grid and labels; not the matrix. */
    @Override
    public String toString() {
        return "FrameScores[grid=" + grid + ", labels=" + labels + "]";
    }
}
