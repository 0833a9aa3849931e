package org.flam.data.corpus.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.flam.api.Caption;
import org.flam.api.CorpusEntry;
import org.flam.data.corpus.internal.SourceRule.SpeechPolicy;

/**
 * Turns a recording's path (and, for Tux Paint, its stamp description) into a caption, tags
 * and a kind, or says why the recording is left out. Pure: no file access, so every rule is
 * tested on strings.
 *
 * <p>The rules, in order:
 * <ol>
 * <li>Words: the file name without extension and each folder name are split at
 * non-letters and at camelCase and letter-digit boundaries, lower-cased, replaced by the
 * source's {@link SourceRule#replace replacements}; tokens with digits, single letters
 * (except a leading "a") and {@linkplain #NOISE noise words} are dropped.</li>
 * <li>Speech (a folder named voice, voices, speech, vocals, dialog or dialogue; a Tux Paint
 * {@code _desc} file; or the source's speech patterns) follows the source's
 * {@link SpeechPolicy}.</li>
 * <li>The label is the Tux Paint description (a thing: "A frog."), else the file-name words,
 * else the words of the nearest folder that has any. A file-name label of two words or more
 * is the caption ("car horn"). A one-word label or a thing becomes
 * "{@code <label> <voice>}" where it ends in an animal with a known {@linkplain #VOICES voice}
 * ("cattle mooing", "a frog croaking"), else "{@code the sound of <label>}" ("the sound of
 * explosion"), so that every caption has 2-13 words and names a sound, not only a thing.</li>
 * <li>Tags: each folder's words (outermost first), the label, the source's extra tags.</li>
 * <li>Kind: {@link #BACKGROUND_SECONDS} or longer and ambiance-like (a marker word such as
 * "ambience" or "loop", or a scene word such as "rain", "forest", "crowd") is a background;
 * shorter and not marked as ambiance is an event; the rest is left out.</li>
 * </ol>
 */
public final class Labeller {

    /** Recordings at least this long (seconds) may be backgrounds; shorter ones may be events (SPEC §4). */
    public static final double BACKGROUND_SECONDS = 10;

    /** Longest caption, in words (SPEC §4). */
    static final int MAX_WORDS = 13;

    /**
     * Words in file and folder names that describe the file, not the sound: containers,
     * tooling, variants and the folders every package has.
     */
    static final Set<String> NOISE = Set.of("sfx", "fx", "snd", "sound", "sounds", "audio", "sample", "samples",
            "wav", "wave", "ogg", "oga", "flac", "mp3", "mono", "stereo", "var", "variant", "variation", "alt",
            "take", "version", "ver", "final", "new", "old", "copy", "edit", "edited", "mix", "clip", "usr", "share",
            "games", "data", "res", "resource", "resources", "assets", "default", "common", "general", "generic",
            "misc", "other", "effect", "effects", "lp", "hq", "lq", "sf", "the", "of", "and");

    /** Words that mark a recording as an ambiance bed, whatever it is of. */
    static final Set<String> AMBIANCE_MARKERS = Set.of("ambience", "ambiance", "ambient", "ambiences", "atmosphere",
            "atmo", "background", "backgrounds", "loop", "loops", "roomtone", "environment");

    /** Scenes and continuous sounds that are ambiance when they last long enough. */
    static final Set<String> AMBIANCE_SUBJECTS = Set.of("rain", "wind", "windy", "river", "stream", "creek", "brook",
            "water", "waterfall", "sea", "ocean", "waves", "surf", "shore", "beach", "lake", "forest", "jungle",
            "woods", "swamp", "marsh", "crowd", "crowds", "traffic", "city", "street", "town", "village", "market",
            "tavern", "inn", "night", "crickets", "insects", "birds", "storm", "thunderstorm", "cave", "desert",
            "hum", "drone", "machine", "machinery", "factory", "fire", "fireplace", "campfire", "room", "park",
            "harbour", "harbor", "farm", "field", "meadow", "snow", "blizzard", "underwater", "bubbles");

    /** The voice of animals, for one-word labels ("cattle" becomes "cattle mooing"). */
    static final Map<String, String> VOICES = Map.ofEntries(
            Map.entry("cattle", "mooing"), Map.entry("cow", "mooing"), Map.entry("cows", "mooing"),
            Map.entry("bull", "bellowing"), Map.entry("dog", "barking"), Map.entry("dogs", "barking"),
            Map.entry("puppy", "barking"), Map.entry("wolf", "howling"), Map.entry("cat", "meowing"),
            Map.entry("kitten", "meowing"), Map.entry("lion", "roaring"), Map.entry("tiger", "roaring"),
            Map.entry("bear", "growling"), Map.entry("horse", "neighing"), Map.entry("donkey", "braying"),
            Map.entry("sheep", "bleating"), Map.entry("goat", "bleating"), Map.entry("lamb", "bleating"),
            Map.entry("pig", "oinking"), Map.entry("chicken", "clucking"), Map.entry("hen", "clucking"),
            Map.entry("rooster", "crowing"), Map.entry("duck", "quacking"), Map.entry("goose", "honking"),
            Map.entry("turkey", "gobbling"), Map.entry("owl", "hooting"), Map.entry("crow", "cawing"),
            Map.entry("raven", "croaking"), Map.entry("cuckoo", "calling"), Map.entry("seagull", "crying"),
            Map.entry("gull", "crying"), Map.entry("pigeon", "cooing"), Map.entry("dove", "cooing"),
            Map.entry("bird", "singing"), Map.entry("frog", "croaking"), Map.entry("toad", "croaking"),
            Map.entry("cricket", "chirping"), Map.entry("bee", "buzzing"), Map.entry("fly", "buzzing"),
            Map.entry("mosquito", "buzzing"), Map.entry("snake", "hissing"), Map.entry("elephant", "trumpeting"),
            Map.entry("monkey", "chattering"), Map.entry("mouse", "squeaking"), Map.entry("rat", "squeaking"),
            Map.entry("dolphin", "clicking"), Map.entry("whale", "singing"), Map.entry("camel", "grunting"),
            Map.entry("deer", "calling"), Map.entry("boar", "grunting"));

    private static final String SPEECH_EXCLUDED = "speech (the source's speech is not labelled)";

    /** Folder names that hold speech in every source. */
    private static final Set<String> SPEECH_FOLDERS = Set.of("voice", "voices", "speech", "vocals", "dialog",
            "dialogs", "dialogue", "dialogues");

    private Labeller() {
    }

    /**
     * What becomes of one recording: an entry's caption, paraphrases ({@link Paraphrases}), label
     * group ({@link LabelGroups}) and kind, or the reason it is left out.
     */
    public record Decision(Caption caption, List<String> paraphrases, String group, CorpusEntry.Kind kind,
            String excluded) {

        static Decision keep(Caption caption, CorpusEntry.Kind kind) {
            List<String> paraphrases = Paraphrases.of(caption.text());
            return new Decision(caption, paraphrases, LabelGroups.of(caption.text(), paraphrases, caption.tags()), kind,
                    null);
        }

        static Decision exclude(String why) {
            return new Decision(null, List.of(), null, null, why);
        }

        /** Whether the recording is left out ({@link #excluded()} says why). */
        public boolean isExcluded() {
            return excluded != null;
        }
    }

    /**
     * Decides the caption, tags and kind of one recording.
     *
     * @param rule            the source's rule
     * @param relativePath    the path relative to the source folder, {@code /}-separated
     * @param tuxPaintText    the content of the Tux Paint description beside it, or null
     * @param durationSeconds its duration in seconds, finite, {@code > 0}
     */
    public static Decision decide(SourceRule rule, String relativePath, String tuxPaintText, double durationSeconds) {
        String early = excludedByPath(rule, relativePath);
        if (early != null) {
            return Decision.exclude(early);
        }
        String lowerPath = relativePath.toLowerCase(Locale.ROOT);
        String[] segments = relativePath.split("/");
        String stem = stem(relativePath);

        List<List<String>> folders = new ArrayList<>();
        for (int i = 0; i < segments.length - 1; i++) {
            folders.add(words(segments[i], rule));
        }
        List<String> nameWords = words(stem, rule);

        if (isSpeech(rule, lowerPath, stem)) {
            return speech(rule, nameWords, lowerPath);
        }

        List<String> label = rule.tuxPaintText() && tuxPaintText != null ? tuxPaintLabel(tuxPaintText) : List.of();
        boolean thing = !label.isEmpty();
        if (label.isEmpty()) {
            label = nameWords;
        }
        for (int i = folders.size() - 1; label.isEmpty() && i >= 0; i--) {
            label = folders.get(i);
        }
        if (label.isEmpty()) {
            return Decision.exclude("no descriptive word in the path");
        }

        Set<String> tags = new LinkedHashSet<>();
        for (List<String> folder : folders) {
            if (!folder.isEmpty()) {
                tags.add(String.join(" ", folder));
            }
        }
        // The label without its article is the tag: "a frog" is tagged "frog".
        tags.add(String.join(" ", isArticle(label.get(0)) && label.size() > 1 ? label.subList(1, label.size()) : label));
        tags.addAll(rule.extraTags());

        Set<String> all = new LinkedHashSet<>(label);
        folders.forEach(all::addAll);
        all.addAll(nameWords);
        boolean marked = intersects(all, AMBIANCE_MARKERS);
        boolean scene = marked || intersects(all, AMBIANCE_SUBJECTS);
        CorpusEntry.Kind kind;
        if (durationSeconds >= BACKGROUND_SECONDS) {
            if (!scene) {
                return Decision.exclude("10 s or longer but not ambiance");
            }
            kind = CorpusEntry.Kind.BACKGROUND;
        } else {
            if (marked) {
                return Decision.exclude("ambiance shorter than 10 s");
            }
            kind = CorpusEntry.Kind.EVENT;
        }
        return Decision.keep(new Caption(caption(label, thing), new ArrayList<>(tags)), kind);
    }

    /**
     * Why a recording is left out whatever its content and duration (the source's exclusion
     * patterns, or speech the source excludes), or null: lets a builder skip reading it.
     */
    public static String excludedByPath(SourceRule rule, String relativePath) {
        String lowerPath = relativePath.toLowerCase(Locale.ROOT);
        if (SourceRule.matches(rule.exclude(), lowerPath)) {
            return "excluded by the source's rule";
        }
        if (rule.speechPolicy() == SpeechPolicy.EXCLUDE && isSpeech(rule, lowerPath, stem(lowerPath))) {
            return SPEECH_EXCLUDED;
        }
        return null;
    }

    /**
     * Whether a recording is speech: in a speech folder, a Tux Paint spoken description
     * ({@code <stem>_desc} or {@code <stem>_desc_<lang>}), or matching the source's speech
     * patterns.
     */
    static boolean isSpeech(SourceRule rule, String lowerPath, String stem) {
        String[] segments = lowerPath.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (SPEECH_FOLDERS.contains(segments[i])) {
                return true;
            }
        }
        return stem.toLowerCase(Locale.ROOT).matches(".*_desc(_[a-z]{2,3}(_[a-z]{2})?)?")
                || SourceRule.matches(rule.speech(), lowerPath);
    }

    /** Two-letter language codes of folder names, for {@link SpeechPolicy#SPEAKER}. */
    static final Map<String, String> LANGUAGES = Map.ofEntries(Map.entry("en", "english"), Map.entry("de", "german"),
            Map.entry("fr", "french"), Map.entry("es", "spanish"), Map.entry("it", "italian"), Map.entry("nl", "dutch"),
            Map.entry("ru", "russian"), Map.entry("pt", "portuguese"), Map.entry("pl", "polish"),
            Map.entry("cs", "czech"), Map.entry("sv", "swedish"), Map.entry("da", "danish"), Map.entry("fi", "finnish"),
            Map.entry("ja", "japanese"), Map.entry("zh", "chinese"), Map.entry("sk", "slovak"), Map.entry("hu", "hungarian"));

    private static final Set<String> FEMALE = Set.of("female", "woman", "women", "f", "girl");
    private static final Set<String> MALE = Set.of("male", "man", "men", "m", "boy");

    /**
     * "a woman speaking german" and the like: the speaker and the language named by the folders
     * of {@code lowerPath} (not its file name), else the source's language.
     */
    static String speakerCaption(SourceRule rule, String lowerPath) {
        String who = "a voice";
        String language = rule.language();
        int slash = lowerPath.lastIndexOf('/');
        for (String t : (slash < 0 ? "" : lowerPath.substring(0, slash)).split("[^a-z]+")) {
            if (FEMALE.contains(t)) {
                who = "a woman";
            } else if (MALE.contains(t)) {
                who = "a man";
            } else if (LANGUAGES.containsKey(t)) {
                language = LANGUAGES.get(t);
            }
        }
        return who + " speaking" + (language == null ? "" : " " + language);
    }

    private static Decision speech(SourceRule rule, List<String> nameWords, String lowerPath) {
        SpeechPolicy policy = rule.speechPolicy();
        if (policy == SpeechPolicy.EXCLUDE) {
            return Decision.exclude(SPEECH_EXCLUDED);
        }
        List<String> tags = new ArrayList<>(List.of("speech", "voice"));
        String text;
        if (policy == SpeechPolicy.SAYING && !nameWords.isEmpty()) {
            text = "a voice saying " + String.join(" ", limit(nameWords, MAX_WORDS - 3));
            tags.add(String.join(" ", nameWords));
        } else if (policy == SpeechPolicy.SPEAKER) {
            text = speakerCaption(rule, lowerPath);
        } else {
            text = "a voice speaking";
        }
        tags.addAll(rule.extraTags());
        return Decision.keep(new Caption(text, tags), CorpusEntry.Kind.EVENT);
    }

    /**
     * The caption of a label, as the class comment says: a label of two words or more that
     * comes from a file name describes a sound and is kept; a one-word label, or the name of a
     * thing ({@code thing}: a Tux Paint description, or an article and a noun), becomes
     * "{@code <label> <voice>}" or "{@code the sound of <label>}".
     */
    static String caption(List<String> label, boolean thing) {
        boolean named = thing || label.size() == 2 && isArticle(label.get(0));
        if (label.size() >= 2 && !named) {
            return String.join(" ", limit(label, MAX_WORDS));
        }
        String voice = VOICES.get(label.get(label.size() - 1));
        if (voice != null) {
            return String.join(" ", limit(label, MAX_WORDS - 1)) + " " + voice;
        }
        return "the sound of " + String.join(" ", limit(label, MAX_WORDS - 3));
    }

    /**
     * The label words of a Tux Paint stamp description: its first line (English), e.g.
     * "An Adelaide Rosella." gives [an, adelaide, rosella].
     */
    static List<String> tuxPaintLabel(String text) {
        String first = text.lines().findFirst().orElse("");
        List<String> words = new ArrayList<>();
        for (String w : first.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
            if (!w.isEmpty() && !w.equals("'")) {
                words.add(w);
            }
        }
        return words;
    }

    /**
     * The descriptive words of a file or folder name, as the class comment says.
     */
    static List<String> words(String name, SourceRule rule) {
        String split = name.replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ")
                .replaceAll("(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})", " ")
                .toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        for (String t : split.split("[^\\p{L}\\p{N}]+")) {
            if (t.isEmpty()) {
                continue;
            }
            String replaced = rule.replace().getOrDefault(t, t);
            for (String r : replaced.split(" ")) {
                tokens.add(r);
            }
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            boolean keptArticle = isArticle(t) && i + 1 < tokens.size() && words.isEmpty();
            if (t.chars().anyMatch(Character::isDigit) || (t.length() == 1 && !keptArticle)
                    || NOISE.contains(t) || rule.noise().contains(t)) {
                continue;
            }
            if (words.isEmpty() || !words.get(words.size() - 1).equals(t)) {
                words.add(t);
            }
        }
        // An article left last (its noun was noise) says nothing.
        if (!words.isEmpty() && isArticle(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        return words;
    }

    /** The file name of a {@code /}-separated path without its extension. */
    private static String stem(String path) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static boolean isArticle(String w) {
        return w.equals("a") || w.equals("an");
    }

    private static boolean intersects(Collection<String> words, Set<String> set) {
        for (String w : words) {
            if (set.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> limit(List<String> words, int max) {
        return words.size() <= max ? words : words.subList(0, max);
    }
}
