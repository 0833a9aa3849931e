package org.flam.api;

import java.util.Objects;

/**
 * One recording of a text-labelled corpus: one line of a corpus file
 * ({@code path, caption, tags, duration, kind, source, licence}; DESIGN.md, Data formats).
 *
 * @param path            location relative to the corpus root, {@code /}-separated, e.g.
 *                        {@code "freesound/dog_bark_01.wav"}; no empty, {@code .} or
 *                        {@code ..} segment, not absolute, TSV-safe, so it cannot point outside
 *                        the root and reads the same on every OS
 * @param caption         caption and tags (the tags are {@code caption.tags()})
 * @param durationSeconds duration of the recording in seconds, finite, {@code > 0}
 * @param kind            whether synthesis uses it as an event or a background (SPEC §4)
 * @param source          where it comes from, e.g. a package or collection name such as
 *                        {@code "freesound-cc0"}; TSV-safe, not blank
 * @param licence         its licence, preferably an SPDX identifier such as {@code "CC0-1.0"}
 *                        or {@code "CC-BY-4.0"}; TSV-safe, not blank (attribution licences
 *                        oblige whoever ships mixtures made from it)
 */
public record CorpusEntry(String path, Caption caption, double durationSeconds, Kind kind,
        String source, String licence) {

    /** How a recording is used when synthesizing mixtures (SPEC §4). */
    public enum Kind {
        /**
         * A foreground sound placed into mixtures; in the paper's selection, shorter than 10 s
         * and not ambiance.
         */
        EVENT,
        /** An ambiance bed under the events; in the paper's selection, at least 10 s long. */
        BACKGROUND
    }

    /**
     * Validates.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code path} is absolute, has an empty, {@code .}
     *                                  or {@code ..} segment, a backslash, tab or line break;
     *                                  the duration is not finite and positive; or
     *                                  {@code source} or {@code licence} is blank or not
     *                                  TSV-safe
     */
    public CorpusEntry {
        checkPath(path);
        Objects.requireNonNull(caption, "caption");
        Checks.positive(durationSeconds, "durationSeconds");
        Objects.requireNonNull(kind, "kind");
        Checks.tsvCell(source, "source");
        Checks.tsvCell(licence, "licence");
    }

    private static void checkPath(String path) {
        Checks.tsvCell(path, "path");
        if (path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(
                    "path must use / as separator, got \"" + path + "\"");
        }
        if (path.startsWith("/") || (path.length() > 1 && path.charAt(1) == ':')) {
            throw new IllegalArgumentException(
                    "path must be relative to the corpus root, got \"" + path + "\"");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("path must not have an empty, . or .. segment, got \""
                        + path + "\"");
            }
        }
    }
}
