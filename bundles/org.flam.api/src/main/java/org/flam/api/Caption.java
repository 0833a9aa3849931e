package org.flam.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A text that describes a sound, with optional tags, both normalised to lower case.
 *
 * <p>Normalisation (trim, collapse runs of white space to one space, lower-case with
 * {@link Locale#ROOT}) happens in the constructor, so the same caption typed twice is one
 * text in a batch's deduplicated text set (SPEC §2.3) and one column in a score table.
 * The SPEC's 2-13 word range for synthesized captions (SPEC §4) is not enforced here: class
 * names used as queries ("dog") are captions too.
 *
 * <p>Tags replace the caption in 50 % of training examples (SPEC §5).
 *
 * @param text the caption, e.g. {@code "a dog barks twice"}; normalised, not blank
 * @param tags distinct normalised tags in their given order (duplicates after normalisation are
 *             dropped), e.g. {@code [dog, bark]}; unmodifiable, may be empty
 */
public record Caption(String text, List<String> tags) {

    /**
     * Normalises and validates.
     *
     * @throws NullPointerException     if {@code text}, {@code tags} or a tag is null
     * @throws IllegalArgumentException if {@code text} or a tag is blank (tabs and line
     *                                  breaks are white space and collapse to one space)
     */
    public Caption {
        text = normalise(text, "text");
        Objects.requireNonNull(tags, "tags");
        Set<String> distinct = new LinkedHashSet<>();
        int i = 0;
        for (String tag : tags) {
            distinct.add(normalise(tag, "tags[" + i++ + "]"));
        }
        tags = List.copyOf(new ArrayList<>(distinct));
    }

    /** A caption without tags. */
    public Caption(String text) {
        this(text, List.of());
    }

    /** A caption without tags; same as {@code new Caption(text)}. */
    public static Caption of(String text) {
        return new Caption(text);
    }

    /** Number of space-separated words in {@link #text()}. */
    public int wordCount() {
        return text.split(" ").length;
    }

    private static String normalise(String value, String field) {
        Checks.nonBlank(value, field);
        // Tabs and line breaks are white space here, so the result is always TSV-safe.
        return value.strip().replaceAll("(?U)\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
