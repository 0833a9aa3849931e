package org.flam.data.corpus.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the recordings of one source (one Debian package) are labelled. Patterns are matched
 * with {@link java.util.regex.Matcher#find()} against the file's path relative to the
 * source folder, {@code /}-separated, lower-cased.
 *
 * @param name         the source name: the Debian package, e.g. {@code hedgewars-data}
 * @param exclude      files to leave out entirely (music, spoken numbers and letters, ...)
 * @param speech       files that are speech in addition to the generic speech folders and
 *                     {@code _desc} files ({@link Labeller#isSpeech})
 * @param speechPolicy what to do with speech files of this source
 * @param noise        words of this source that say nothing about the sound (game unit names
 *                     used as folder names, engine jargon); dropped from captions and tags
 * @param replace      whole-word replacements applied to name and folder words before
 *                     anything else, e.g. {@code "clic" -> "click"} or {@code "amb" -> "ambience"}
 * @param extraTags    tags added to every entry of this source, e.g. {@code speech}
 * @param tuxPaintText whether a {@code <stem>.txt} beside a recording holds a Tux Paint stamp
 *                     description whose first line names the thing that sounds
 * @param licence      licence read by hand from the package's copyright file, recorded instead
 *                     of what {@link Licences} reads: for files that are not machine-readable,
 *                     or whose paragraphs need a reader; null to use {@link Licences}
 * @param language     the language of the source's speech where its paths name none (for
 *                     {@link SpeechPolicy#SPEAKER}), e.g. {@code english}; null if unknown
 */
public record SourceRule(String name, List<Pattern> exclude, List<Pattern> speech, SpeechPolicy speechPolicy,
        Set<String> noise, Map<String, String> replace, List<String> extraTags, boolean tuxPaintText,
        String licence, String language) {

    /** What a source's speech recordings become. */
    public enum SpeechPolicy {
        /**
         * Left out: the words spoken name a thing (a voice saying "cow") and would label the
         * recording as that thing's sound, or the language is unknown.
         */
        EXCLUDE,
        /** Kept as "a voice saying WORDS", words from the file name, tagged {@code speech}. */
        SAYING,
        /** Kept as "a voice speaking", tagged {@code speech} (file names are no transcript). */
        SPEAKING,
        /**
         * Kept as "a woman speaking german", "a man speaking english", "a voice speaking": the
         * speaker from a path word (female, woman, f / male, man, m), the language from a
         * two-letter folder code (de, en, ...) or the source's language; file names are no
         * transcript (they name words or tiles, not what is heard). Tagged {@code speech}.
         */
        SPEAKER
    }

    public SourceRule {
        Objects.requireNonNull(name, "name");
        exclude = List.copyOf(exclude);
        speech = List.copyOf(speech);
        Objects.requireNonNull(speechPolicy, "speechPolicy");
        noise = Set.copyOf(noise);
        replace = Map.copyOf(replace);
        extraTags = List.copyOf(extraTags);
    }

    /** The rule for a source without specific rules: generic noise words and speech folders only. */
    public static SourceRule generic(String name) {
        return new SourceRule(name, List.of(), List.of(), SpeechPolicy.EXCLUDE, Set.of(), Map.of(), List.of(),
                false, null, null);
    }

    /** Whether {@code relativePath} (lower-case, {@code /}-separated) matches one of {@code patterns}. */
    static boolean matches(List<Pattern> patterns, String relativePath) {
        for (Pattern p : patterns) {
            if (p.matcher(relativePath).find()) {
                return true;
            }
        }
        return false;
    }
}
