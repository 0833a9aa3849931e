package org.flam.augment.mixture.internal;

import java.util.List;
import java.util.Locale;

import org.flam.api.Caption;
import org.flam.api.CorpusEntry;
import org.flam.api.Mixture;

/**
 * The corpus entry that describes a generated noise bed, which no corpus file backs:
 * path {@code generated/<colour>-noise}, source {@link Mixture.Background#GENERATED_SOURCE},
 * licence {@code CC0-1.0}, caption {@code "<colour> noise"} with tags
 * {@code generated, noise, <colour>}, duration one clip, start 0
 * ({@link Mixture.Background#generated()} recognises it).
 */
public final class GeneratedBackground {

    /** The {@link CorpusEntry#source()} that marks a generated background. */
    public static final String SOURCE = Mixture.Background.GENERATED_SOURCE;

    private GeneratedBackground() {
    }

    /** The synthetic entry of a {@code colour} noise bed of {@code clipSeconds}. */
    static CorpusEntry entry(NoiseColour colour, double clipSeconds) {
        String name = colour.name().toLowerCase(Locale.ROOT);
        return new CorpusEntry("generated/" + name + "-noise",
                new Caption(name + " noise", List.of("generated", "noise", name)), clipSeconds,
                CorpusEntry.Kind.BACKGROUND, SOURCE, "CC0-1.0");
    }
}
