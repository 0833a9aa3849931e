package org.flam.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One recording of a text-labelled corpus: one line of a corpus file
 * ({@code path, caption, tags, duration, kind, source, licence, paraphrases, group}; DESIGN.md,
 * Data formats).
 *
 * <p>Besides its caption a recording may carry <b>paraphrases</b>, other plain wordings of the same
 * caption ("cattle mooing": "a cow mooing", "mooing cattle"), and it always carries a <b>label
 * group</b>: a key naming the sound concept ("cow"), shared by every recording whose caption,
 * synonyms or paraphrases describe that concept. Groups are what a zero-shot split holds out
 * whole, so that no wording of a held-out concept reaches training.
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
 * @param paraphrases     other wordings of the caption, each normalised like a caption (trimmed,
 *                        white space collapsed, lower case), distinct, never equal to the
 *                        caption text (such repeats are dropped, in their given order);
 *                        unmodifiable, may be empty
 * @param group           the label group: a key naming the sound concept, e.g. {@code "dog"};
 *                        TSV-safe, not blank
 */
public record CorpusEntry(String path, Caption caption, double durationSeconds, Kind kind,
        String source, String licence, List<String> paraphrases, String group) {

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
     *                                  TSV-safe; a paraphrase is blank; or {@code group} is
     *                                  blank or not TSV-safe
     */
    public CorpusEntry {
        checkPath(path);
        Objects.requireNonNull(caption, "caption");
        Checks.positive(durationSeconds, "durationSeconds");
        Objects.requireNonNull(kind, "kind");
        Checks.tsvCell(source, "source");
        Checks.tsvCell(licence, "licence");
        Objects.requireNonNull(paraphrases, "paraphrases");
        Set<String> distinct = new LinkedHashSet<>();
        int i = 0;
        for (String p : paraphrases) {
            Checks.nonBlank(p, "paraphrases[" + i++ + "]");
            // Normalised exactly as a caption's text is, so a paraphrase and a caption typed
            // the same way are one text.
            distinct.add(new Caption(p).text());
        }
        distinct.remove(caption.text());
        paraphrases = List.copyOf(new ArrayList<>(distinct));
        Checks.tsvCell(group, "group");
    }

    /**
     * A recording without paraphrases whose label group is its caption text: the shape of a
     * corpus line before paraphrases and groups existed.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public CorpusEntry(String path, Caption caption, double durationSeconds, Kind kind, String source,
            String licence) {
        this(path, caption, durationSeconds, kind, source, licence, List.of(),
                Objects.requireNonNull(caption, "caption").text());
    }

    /** The caption text followed by the paraphrases: every wording of this recording; unmodifiable. */
    public List<String> texts() {
        List<String> texts = new ArrayList<>(paraphrases.size() + 1);
        texts.add(caption.text());
        texts.addAll(paraphrases);
        return List.copyOf(texts);
    }

    /** This recording with other paraphrases and label group (validated as by the constructor). */
    public CorpusEntry withParaphrases(List<String> paraphrases, String group) {
        return new CorpusEntry(path, caption, durationSeconds, kind, source, licence, paraphrases, group);
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
