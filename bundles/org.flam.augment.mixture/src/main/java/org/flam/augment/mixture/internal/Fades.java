package org.flam.augment.mixture.internal;

/**
 * The linear fade-in and fade-out every event part gets before mixing (SPEC §4: 10 ms), so
 * that parts cut from the middle of a recording start and end without a click.
 */
final class Fades {

    private Fades() {
    }

    /**
     * Multiplies the first {@code F} samples of {@code x} by {@code i / F} and the last
     * {@code F} by {@code (length - 1 - i) / F} ({@code i} = sample index), in place, with
     * {@code F = min(fadeSamples, length / 2)}: the first and last samples become 0, sample
     * {@code F} and the ones up to {@code length - 1 - F} are untouched.
     */
    static void apply(float[] x, int fadeSamples) {
        int f = Math.min(fadeSamples, x.length / 2);
        for (int i = 0; i < f; i++) {
            float g = (float) i / f;
            x[i] *= g;
            x[x.length - 1 - i] *= g;
        }
    }
}
