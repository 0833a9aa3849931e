package org.flam.api;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a detector says about one recording and a list of text queries: a calibrated
 * probability per query and frame, and the events found in them.
 *
 * <p>Probabilities are the calibrated outputs of SPEC §3 (unbiased {@code p / (p + σ(b))} or
 * approximate {@code σ(s<a,e>)}), after the detector's median filter, so 0.5 is the intended
 * decision threshold for every query. Events are those probabilities thresholded and
 * post-processed as the detection options asked (see {@code org.flam.api.detect}).
 *
 * <p>The record owns its matrix: the constructor copies it and accessors return new copies
 * owned by the caller.
 *
 * @param queries       the {@code K} distinct query texts, in the order the caller gave them;
 *                      unmodifiable
 * @param grid          frame rate and frame count {@code F}; read it, never assume 3.2 fps
 * @param probabilities {@code float[K][F]}: row {@code k} is query {@code k} over time, every
 *                      entry in {@code [0, 1]}
 * @param events        detected events, each labelled with one of the queries, times in
 *                      seconds from the start of the recording; unmodifiable
 */
public record Detection(List<String> queries, FrameGrid grid, float[][] probabilities,
        List<SoundEvent> events) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if an argument, a query, a row or an event is null
     * @throws IllegalArgumentException if queries repeat or are not TSV-safe, the matrix is not
     *                                  {@code [K][F]} or has an entry outside {@code [0, 1]},
     *                                  or an event's label is not a query
     */
    public Detection {
        queries = Checks.distinctLabels(queries, "queries");
        Objects.requireNonNull(grid, "grid");
        probabilities = Checks.matrix(probabilities, queries.size(), grid.frameCount(),
                "probabilities", "float[K][F]");
        Checks.unitInterval(probabilities, "probabilities");
        events = List.copyOf(events);
        for (int i = 0; i < events.size(); i++) {
            if (!queries.contains(events.get(i).label())) {
                throw new IllegalArgumentException("events[" + i + "] has label \""
                        + events.get(i).label() + "\", which is not one of the queries " + queries);
            }
        }
    }

    /** Returns a new {@code float[K][F]} copy, owned by the caller. */
    @Override
    public float[][] probabilities() {
        return Checks.deepCopy(probabilities);
    }

    /**
     * Probabilities of one query over time: a new {@code float[F]} owned by the caller.
     *
     * @throws IllegalArgumentException if {@code query} is not one of {@link #queries()}
     */
    public float[] probabilities(String query) {
        return probabilities[index(query)].clone();
    }

    /** Probability of query {@code k} at frame {@code f}, without copying. */
    public float probability(int k, int f) {
        return probabilities[k][f];
    }

    /** The events labelled {@code query}, in their order in {@link #events()}. */
    public List<SoundEvent> events(String query) {
        index(query);
        return events.stream().filter(e -> e.label().equals(query)).toList();
    }

    /**
     * The probabilities as a {@code sed_scores_eval} table, {@code float[F][K]} with the
     * queries as columns, for metrics and TSV output.
     */
    public FrameScores toFrameScores() {
        return FrameScores.ofColumns(grid, queries, probabilities);
    }

    private int index(String query) {
        int k = queries.indexOf(query);
        if (k < 0) {
            throw new IllegalArgumentException("query \"" + query + "\" is not one of " + queries);
        }
        return k;
    }

    /** Equal when queries, grid, every probability and the events are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Detection other
                && queries.equals(other.queries)
                && grid.equals(other.grid)
                && Arrays.deepEquals(probabilities, other.probabilities)
                && events.equals(other.events);
    }

    @Override
    public int hashCode() {
        return Objects.hash(queries, grid, Arrays.deepHashCode(probabilities), events);
    }

    /** Queries, grid and events; not the matrix. */
    @Override
    public String toString() {
        return "Detection[queries=" + queries + ", grid=" + grid + ", events=" + events + "]";
    }
}
