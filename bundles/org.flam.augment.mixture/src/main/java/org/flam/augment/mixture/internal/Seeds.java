package org.flam.augment.mixture.internal;

import java.util.SplittableRandom;

/**
 * The random source of one mixture, a function of (seed, index) only: never a global or shared
 * generator, so a mixture is the same whatever was synthesized before, in which order, on
 * which thread (the {@code MixtureSynthesizer} contract).
 *
 * <p>{@code new SplittableRandom(mix64(mix64(seed) + GOLDEN * (index + 1)))}, with
 * {@code mix64} the SplitMix64 finaliser (Stafford's variant 13) and {@code GOLDEN} the 64-bit
 * golden-ratio constant {@code 0x9E3779B97F4A7C15}: neighbouring indices and seeds give
 * unrelated streams.
 */
final class Seeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The generator of mixture {@code index} in the sequence of {@code seed}. */
    static SplittableRandom random(long seed, long index) {
        return new SplittableRandom(mix64(mix64(seed) + GOLDEN * (index + 1)));
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
