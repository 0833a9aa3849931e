package org.flam.augment.mixture.internal;

import org.flam.data.corpus.CorpusSplit;

/**
 * Which part of the corpus a mixture draws from: the paper's "Held-out" protocol holds out
 * events and backgrounds, and tests on mixtures made only of them (paper §5.1).
 *
 * <p>Every recording belongs to exactly one split, decided by its path alone:
 * {@code u = (first 8 bytes of SHA-256(UTF-8 path), big-endian, unsigned) / 2^64} and the
 * recording is {@link #HELDOUT} iff {@code u < heldoutFraction}. So event recordings and
 * backgrounds are disjoint between the splits by construction, the assignment is stable
 * when the corpus grows or is reordered (a recording never changes side), and it needs no
 * state or file. A hash, not a random draw, because the seed must not decide what is held out:
 * training runs with different seeds must share one test set.
 */
public enum Split {
    /** Recordings with {@code u >= heldoutFraction}. */
    TRAIN,
    /** Recordings with {@code u < heldoutFraction}: sounds and backgrounds never trained on. */
    HELDOUT;

    /**
     * The split of the recording at {@code path} (a corpus path, e.g.
     * {@code "freesound/dog_bark_01.wav"}) when {@code heldoutFraction} of all recordings are
     * held out.
     */
    static Split of(String path, double heldoutFraction) {
        return unit(path) < heldoutFraction ? HELDOUT : TRAIN;
    }

    /** The path's position {@code u} in {@code [0, 1)} ({@link CorpusSplit#unit}). */
    static double unit(String path) {
        return CorpusSplit.unit(path);
    }
}
