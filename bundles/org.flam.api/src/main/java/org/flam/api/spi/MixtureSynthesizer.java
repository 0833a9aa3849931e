package org.flam.api.spi;

import java.io.IOException;

import org.flam.api.Corpus;
import org.flam.api.FrameGrid;
import org.flam.api.Mixture;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes frame-labelled training clips from a text-labelled corpus (SPEC §4): one background
 * plus randomly placed, split, repeated and loudness-offset events, labels corrected by
 * A-weighted loudness at 50 Hz and pooled to the encoder's frame grid.
 *
 * <p>Reproducibility is the contract: equal (corpus, seed, index, grid) give an equal
 * {@link Mixture} (same samples, events and labels), whatever was synthesized before, in
 * which order, on which thread. Implementations therefore derive all randomness from
 * (seed, index) alone, e.g. a {@code SplittableRandom} seeded with a mix of both.
 *
 * <p>Implementations are thread-safe (mixtures are synthesized in parallel) and register
 * {@link org.flam.api.FlamProperties#NAME flam.name}.
 */
@ConsumerType
public interface MixtureSynthesizer {

    /** Length of every mixture in seconds, e.g. 10. */
    double clipSeconds();

    /** Sample rate of every mixture in Hz, e.g. 48 000. */
    int sampleRate();

    /**
     * Synthesizes mixture number {@code index} of the sequence for {@code seed}.
     *
     * @param corpus the recordings to draw from; needs at least one event. Without a
     *               background that fits, implementations use a generated one (coloured
     *               noise) and say so in {@link Mixture.Background#generated()}
     * @param seed   sequence seed
     * @param index  position in the sequence, {@code >= 0}
     * @param grid   the frame grid of the labels, read from the encoder
     *               ({@code AudioEncoderSpec.frameGrid()}); must cover {@link #clipSeconds()}
     *               to within one frame
     * @return the mixture, {@code mixture.frameLabels().grid()} equal to {@code grid}
     * @throws IOException              if a corpus recording cannot be read
     * @throws IllegalArgumentException if {@code index < 0}, the grid does not fit the clip
     *                                  length, or the corpus lacks events
     */
    Mixture synthesize(Corpus corpus, long seed, long index, FrameGrid grid) throws IOException;
}
