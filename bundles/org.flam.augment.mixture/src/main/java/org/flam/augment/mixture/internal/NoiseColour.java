package org.flam.augment.mixture.internal;

/**
 * Colours of generated background noise: power spectral density proportional to
 * {@code f^-exponent}.
 */
public enum NoiseColour {
    /** Flat spectrum: the same power per hertz. */
    WHITE(0),
    /** {@code 1/f}: the same power per octave (-3 dB per octave in power density). */
    PINK(1),
    /** {@code 1/f^2} (Brownian): -6 dB per octave in power density. */
    BROWN(2);

    private final int exponent;

    NoiseColour(int exponent) {
        this.exponent = exponent;
    }

    /** The exponent {@code a} of the power spectral density {@code f^-a}. */
    int exponent() {
        return exponent;
    }
}
