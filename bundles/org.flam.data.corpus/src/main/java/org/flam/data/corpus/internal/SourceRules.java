package org.flam.data.corpus.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.flam.data.corpus.internal.SourceRule.SpeechPolicy;

/**
 * The per-package labelling rules, all in one place. Each source is a Debian package whose
 * sounds {@code runtime/setup-corpus.sh} links or extracts into {@code <staging>/<package>/};
 * paths below are relative to that folder (see the README for what each folder holds).
 *
 * <p>Every rule was written by looking at the package's file list: what is music, what is
 * speech, and which words in paths are game jargon rather than descriptions of a sound.
 * A source not listed here gets {@link SourceRule#generic}.
 *
 * <p>Packages reserved for independent evaluation are refused by name ({@link #RESERVED}), so
 * that they cannot leak into training data by accident.
 */
public final class SourceRules {

    /**
     * Packages kept out of training for independent evaluation; a build that names one of
     * them fails.
     */
    public static final Set<String> RESERVED = Set.of("openttd-opensfx", "scorched3d-data", "sonic-pi-samples",
            "supertuxkart-data");

    /** Music folders: game soundtracks are neither events nor ambiance. */
    private static final String MUSIC = "(^|/)(music|musics|songs|soundtrack)/";

    /** Note names with chord qualities as one token: amajor, fsharp, bminor, ... */
    private static final String[] CHORD_WORDS = "abcdefg".chars()
            .mapToObj(c -> Character.toString(c))
            .flatMap(n -> java.util.stream.Stream.of(n + "major", n + "minor", n + "sharp", n + "flat"))
            .toArray(String[]::new);

    private static final Map<String, SourceRule> RULES = new LinkedHashMap<>();

    static {
        add(rule("tuxpaint-stamps-default")
                // Spoken digits and letters, one per language: speech naming a symbol.
                .exclude("(^|/)symbols/(math|alphabets)/", "_[a-z]{2}(_[a-z]{2})?\\.ogg$")
                .noise("stamps", "cartoon", "photo", "real", "misc", "other")
                .tuxPaintText());
        add(rule("0ad-data")
                .exclude(MUSIC, "^audio/interface/", "^audio/voice/")
                .noise("audio", "actor", "actors", "gaia", "fauna", "flora", "attack", "unit", "units", "cavalry",
                        "infantry", "support", "generic", "global", "civ", "civs", "athen", "brit", "cart", "celt",
                        "gaul", "iber", "kush", "mace", "maur", "pers", "ptol", "rome", "sele", "spart")
                .replace("amb", "ambience", "ambient", "ambience", "mech", "mechanical"));
        add(rule("hedgewars-data")
                .exclude(MUSIC,
                        // Piano notes named by pitch (3E, 4F, ...): music samples, not sound events.
                        "^sounds/[0-9][a-g]\\w*\\.ogg$")
                .speech(SpeechPolicy.SAYING)
                .noise("hog", "hogs", "hedgehog", "hedgehogs", "default", "uk", "singer", "russian", "pirate", "mobster",
                        "british", "classic", "central", "hillbilly", "french", "german", "italian", "portuguese",
                        "polish", "spanish", "surfer", "tougho", "ozzy")
                .replace("graveimpact", "grave impact", "roperelease", "rope release", "jetpackboost", "jetpack boost",
                        "minetick", "mine tick", "shutterclick", "shutter click", "planewater", "plane water",
                        "beewater", "bee water", "portalshot", "portal shot"));
        add(rule("megaglest-data")
                .exclude(MUSIC, "(^|/)data/core/menu/")
                // Unit acknowledgements ("yes, my lord"): speech, in no labelled words.
                .speech("(^|/|_)(select|ack)\\d*[a-z]?\\.(wav|ogg)$")
                .noise("techs", "megapack", "commondata", "factions", "units", "tilesets", "core", "magic", "tech",
                        "norsemen", "persian", "romans", "egypt", "indian", "ack", "select")
                .replace("die", "dying", "walk", "walking"));
        add(rule("widelands-data")
                .exclude(MUSIC, "(^|/)sound/(military|message|ui)/", "create_construction_site")
                .noise("world", "critters", "atlanteans", "barbarians", "empire", "frisians", "tribes",
                        "immovables", "workers", "smiths"));
        add(rule("redeclipse-data")
                .exclude(MUSIC)
                .speech("(^|/)announcer/")
                .speech(SpeechPolicy.SAYING)
                .noise("morph", "primary", "secondary", "notify", "zapper", "rifle", "plasma", "flamer", "pulse")
                .replace("alienwind", "alien wind", "nightcrickets", "night crickets", "stormrain", "storm rain",
                        "jumppad", "jump pad"));
        add(rule("wesnoth-1.16-data")
                .exclude(MUSIC)
                .licence("GPL-2+")
                .noise("core", "horn-signals", "signals", "magic", "faeriefire", "lich", "drake", "gryphon")
                .replace("hiss", "hissing"));
        add(rule("supertux-data")
                .exclude(MUSIC)
                .noise("tux", "supertux2", "iceblock", "brick", "bigjump"));
        add(rule("lincity-ng-data")
                .exclude(MUSIC)
                .noise("lincity", "ng", "shanty", "commune", "tip", "green", "health", "substation", "recycle",
                        "residential", "market", "med", "low", "high", "windowopen")
                .replace("power", "power station"));
        add(rule("torcs-data")
                .exclude(MUSIC)
                .noise("torcs", "f360", "nsx", "gt40", "935", "206", "evo7", "impreza2002", "ferrarif50",
                        "ferrarif355", "viper", "ford1b", "renault", "v10", "alpha", "romeo", "porsche", "long", "f")
                .replace("skid", "tyres skidding"));
        add(rule("gcompris-qt-data")
                // Voices read words of many languages (a voice saying "cow" is no cow);
                // piano samples are single notes of instruments, not sound events.
                .exclude("(^|/)voices(-[a-z0-9]+)?/", "(^|/)piano_composition/", "(^|/)play_piano/", "(^|/)qml/")
                .noise("gcompris", "activity", "resource", "resources", "explore", "farm", "world", "memory",
                        "tux", "rcc", "src", "activities"));
        add(rule("lmms-common")
                .exclude("(^|/)waveforms/", "(^|/)shapes/")
                .noise("lmms", "samples", "misc", "chroma", "stringsnpads", "bassloops", "beats")
                .replace("hihat", "hi-hat", "e", "electric", "opened", "open"));
        add(rule("hydrogen-drumkits-effects")
                // Its copyright file covers all Hydrogen kits; this package holds only the
                // belofilms guitar strums, whose paragraph says CC-BY-3.0.
                .licence("CC-BY-3.0")
                // Chord names (Amajor, Fsharp minor7b5, UP/DOWN strokes) say which strum, not what
                // sounds: the folder's "guitar strums" is the label.
                .noise(CHORD_WORDS, "major", "minor", "hydrogen", "drumkits", "belofilms", "up", "down", "minro")
                .extraTags("guitar strum"));
        add(rule("fillets-ng-data")
                .exclude(MUSIC)
                // Dialogue lines in level/<language>/ folders; file names are no transcript.
                .speech("(^|/)sound/[^/]+/[a-z]{2}/")
                .speech(SpeechPolicy.SPEAKING)
                .noise("fillets", "ng", "share")
                .licence("GPL-2+"));
        add(rule("warmux-data")
                .exclude(MUSIC)
                .licence("GPL-2+")
                .noise("warmux", "default", "misc", "cluzooka")
                .replace("clic", "click", "load", "reload"));
        add(rule("fluid-soundfont-gs")
                .licence("MIT")
                .noise("fluid", "gs", "soundfont")
                .extraTags("synthesized"));
        add(rule("sound-theme-freedesktop").noise("freedesktop", "stereo").extraTags("notification"));
        add(rule("yaru-theme-sound").noise("yaru", "stereo").extraTags("notification"));
        add(rule("oxygen-sounds").noise("oxygen", "sys", "im", "k3b", "foes").extraTags("notification"));
        add(rule("deepin-sound-theme").noise("deepin", "stereo", "x").extraTags("notification"));
        // Generated by setup-corpus.sh: file names are captions ("woman_speaking_french_03.wav").
        add(rule("espeak-ng").licence("GPL-3+").noise("espeak", "ng").extraTags("speech", "synthetic voice"));
    }

    private SourceRules() {
    }

    /**
     * The rule for {@code name}, or {@link SourceRule#generic} if none is written.
     *
     * @throws IllegalArgumentException if {@code name} is reserved for evaluation
     */
    public static SourceRule forName(String name) {
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException(name + " is reserved for independent evaluation and must not "
                    + "be used for training (reserved: " + String.join(", ", RESERVED.stream().sorted().toList()) + ")");
        }
        return RULES.getOrDefault(name, SourceRule.generic(name));
    }

    /** The sources that have written rules, in the order above. */
    public static List<String> known() {
        return List.copyOf(RULES.keySet());
    }

    private static void add(Builder b) {
        RULES.put(b.name, b.build());
    }

    private static Builder rule(String name) {
        return new Builder(name);
    }

    /** Reads like the table it is. */
    private static final class Builder {
        private final String name;
        private final List<Pattern> exclude = new ArrayList<>();
        private final List<Pattern> speech = new ArrayList<>();
        private SpeechPolicy policy = SpeechPolicy.EXCLUDE;
        private final List<String> noise = new ArrayList<>();
        private final Map<String, String> replace = new HashMap<>();
        private final List<String> extraTags = new ArrayList<>();
        private boolean tuxPaintText;
        private String licence;

        Builder(String name) {
            this.name = name;
        }

        Builder exclude(String... regexes) {
            Arrays.stream(regexes).map(Pattern::compile).forEach(exclude::add);
            return this;
        }

        Builder speech(String... regexes) {
            Arrays.stream(regexes).map(Pattern::compile).forEach(speech::add);
            return this;
        }

        Builder speech(SpeechPolicy p) {
            policy = p;
            return this;
        }

        Builder noise(String[] words, String... more) {
            noise(words);
            return noise(more);
        }

        Builder noise(String... words) {
            noise.addAll(Arrays.asList(words));
            return this;
        }

        /** Pairs: word, replacement. */
        Builder replace(String... pairs) {
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                replace.put(pairs[i], pairs[i + 1]);
            }
            return this;
        }

        Builder extraTags(String... tags) {
            extraTags.addAll(Arrays.asList(tags));
            return this;
        }

        /** The licence, read by hand from the copyright file (see {@link SourceRule#licence}). */
        Builder licence(String spdx) {
            licence = spdx;
            return this;
        }

        Builder tuxPaintText() {
            tuxPaintText = true;
            return this;
        }

        SourceRule build() {
            return new SourceRule(name, exclude, speech, policy, Set.copyOf(noise), replace, extraTags, tuxPaintText,
                    licence);
        }
    }
}
