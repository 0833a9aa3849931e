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
        // ---- Added with the second corpus build (README, "Packages"): one rule per package, each
        // written from its file list.
        add(rule("fluid-soundfont-gm")
                // Rendered by setup-corpus.sh: file names are captions ("a_snare_drum_hit_k38_v1.wav").
                .licence("MIT")
                .noise("fluid", "gm", "soundfont")
                .replace("hihat", "hi-hat")
                .extraTags("musical instrument", "synthesized"));
        add(rule("hydrogen-drumkits")
                // Drum kits: samples named by abbreviations (bd, sd, hh, cc) and sample-site users.
                .licence("GPL-2+")
                .exclude("(^|/)emptysample\\.", "(^|/)x?y?fx_")
                .noise("drumkits", "hydrogen", "audiophob", "colombo", "drumkit", "empire", "kit", "forzee", "gimme",
                        "hardelectro", "electro", "millo", "multilayered", "varibreaks", "vari", "breaks", "circafrique",
                        "circ", "afrique", "rumpf", "pearl", "black", "menegass", "minorr", "cbeeching", "anillogic",
                        "connersaw", "cubix", "lewis", "sstokes", "walter", "odington", "stomachache", "zgump",
                        "dayvonjersen", "paiste", "trimo", "sabmute", "crunchtime", "garage", "city", "snappy", "hard",
                        "hardest", "med", "soft", "softest", "normal", "lite", "dirty", "mics", "br", "dry", "woody",
                        "nz", "ee", "vp", "powr", "hse", "hardhse", "sr", "mc", "cup", "flink", "semi", "dist",
                        "phaser", "bs", "amp", "hi", "lo", "high", "low", "mid", "ss", "ht", "stereo", "mono", "left",
                        "right", "dununba", "kenkeni", "sangban", "mute", "tone", "head", "slaps", "thumps")
                .replace("bd", "bass drum", "bassdrum", "bass drum", "kick", "kick drum", "sd", "snare drum", "sn",
                        "snare", "hh", "hi-hat", "hhat", "hi-hat", "hihat", "hi-hat", "hat", "hi-hat", "hhclosed",
                        "closed hi-hat", "hhopen", "open hi-hat", "chh", "closed hi-hat", "ohh", "open hi-hat",
                        "closehihat", "closed hi-hat", "openhat", "open hi-hat", "pedalhihat", "pedal hi-hat",
                        "cc", "crash cymbal", "rc", "ride cymbal", "crash", "crash cymbal", "ride", "ride cymbal",
                        "cra", "crash cymbal", "china", "china cymbal", "ft", "floor tom", "floortom", "floor tom",
                        "tomh", "tom", "rs", "rimshot", "cb", "cowbell", "cl", "closed", "op", "open", "pd", "pedal",
                        "beats", "drum beat", "fxshake", "shaker", "cajon", "cajon drum")
                .extraTags("drum"));
        add(rule("nexuiz-data")
                // Announcer and tutorial voices, team voice commands ("coverme") and flag-game jargon.
                .licence("GPL-2+")
                .exclude("(^|/)sound/(announcer|tutorial|ctf|kh|domination|onslaught|nexball|porto)/",
                        "(^|/)(item\\w*|weaponpickup|megahealth|mediumhealth|powerup\\w*|strength\\w*|shield\\w*)\\.",
                        "(^|/)coms/", "(^|/)(menu\\d|taunt\\w*|hooah|letsgo|needhelp|incoming|attack|coverme|"
                                + "flagseen|waypoint|teamshoot)\\.", "(^|/)(armor|health|medplat)\\w*\\.",
                        "(^|/)(decreasevalue|increasevalue|itemrespawncountdown)\\.")
                .noise("player", "carni", "lycan", "fricka", "insurrectionist", "marine", "pyria", "skadi",
                        "reptilian", "soldier", "specop", "torus", "weapons", "misc", "crylink", "hagar", "electro",
                        "uzi", "campingrifle", "hagexp", "cyberparcour", "desertfactory", "plats", "turrets", "gib",
                        "invshot", "prefire", "tink", "sparks")
                .replace("pain", "pain groan", "death", "death scream", "gasp", "gasping", "drown", "drowning",
                        "fall", "falling", "jump", "jump grunt", "footstep", "footsteps", "metalfootstep",
                        "footsteps on metal", "hitground", "body hitting the ground", "metalhitground",
                        "metal hitting the ground", "bodyimpact", "body impact", "casings", "bullet casings",
                        "brass", "bullet casings", "jetpack", "jetpack", "splat", "splatter"));
        add(rule("asterisk-core-sounds-en-wav")
                // Telephone prompts read by one woman (Allison Smith): speech whose file names name
                // the prompt, not a transcript; spoken digits and letters are left out.
                .exclude("(^|/)(digits|letters|phonetic|silence)/", "(^|/)(beep|beeperr|ascending-2tone|"
                        + "descending-2tone)\\.wav$")
                .speech("\\.wav$")
                .speech(SpeechPolicy.SPEAKER)
                .language("english")
                .licence("CC-BY-SA-3.0"));
        add(rule("warzone2100-data")
                // Only the sound effects: the rest of audio/ is voice messages named by code (pcv403).
                .exclude("^(?!base/audio/(sfx|radclick|nexus)/)", "(^|/)nexus/(?!laugh)", "(^|/)silence\\.")
                .noise("sfx", "explons", "interfce", "misc", "building", "vehicle", "weapons", "nexus",
                        "radclick", "richet", "bldloop", "bldstart", "nxstower", "nxsexpld", "mpodexpl", "atnkexpl",
                        "freroar", "ecmtower", "gmeshtdn", "con", "cyber", "hov", "hovmove", "hovstart", "hovstop")
                .replace("lrgexpl", "large explosion", "smlexpl", "small explosion", "lsrexpl", "laser explosion",
                        "bldfall", "building collapsing", "lrgcan", "large cannon", "medcan", "medium cannon",
                        "smlcan", "small cannon", "rapdcan", "rapid cannon", "hivelcan", "cannon", "mgbar",
                        "machine gun burst", "mgheavy", "heavy machine gun", "mgtower", "machine gun", "asltmg",
                        "assault machine gun", "flmthrow", "flamethrower", "gaussgun", "gauss gun", "bemlsr",
                        "laser beam", "plslsr", "plasma laser", "rotlsr", "rotary laser", "hwtzflgt", "howitzer shell",
                        "radclik", "radio click", "oilpump", "oil pump", "powerhum", "power station hum",
                        "powerspk", "electric sparks", "tflight", "transport flying", "thover", "hovering transport",
                        "tland", "transport landing", "tstart", "engine starting", "tread", "tank treads", "vtol",
                        "aircraft", "vtolland", "aircraft landing", "vtoloff", "aircraft taking off", "weld",
                        "welding", "build", "construction"));
        add(rule("openarena-data")
                // Several OpenArena paks (openarena-data and its 0.8.x companions, same authors and
                // licence): their voice announcers, taunts and team callouts are left out.
                .licence("GPL-2+")
                .exclude("(^|/)(feedback|teamplay|voices|announcer)/", "(^|/)(taunt|talk|silence|menu\\d|"
                        + "nightmare|\\w*_pkup|use_nothing|noammo|change|weapon_hover)\\w*\\.wav$",
                        "(^|/)items/(?!use_medkit|airout)")
                .noise("pak", "players", "patch", "sound", "player", "weapons", "world", "movers", "misc", "items",
                        "le", "new", "angelyss", "arachna", "assassin", "ayumi", "beret", "gargoyle", "kyonshi", "liz",
                        "major", "merman", "penguin", "sergei", "skelebot", "smarine", "sorceress", "tony", "sarge",
                        "greg", "cf", "bfg", "lg", "wstb", "wnal", "fst", "vulcan", "curnt", "plats", "pt", "dr",
                        "strt", "butn", "x", "ancientsdrone", "forbidden", "ominous", "nailgun", "proxmine",
                        "railgun", "melee", "lightning")
                .replace("pain", "pain groan", "death", "death scream", "gasp", "gasping", "drown", "drowning",
                        "fall", "falling scream", "falling", "falling scream", "jump", "jump grunt", "boot",
                        "footsteps", "step", "footsteps", "clank", "metal footsteps", "mech", "mechanical footsteps",
                        "flesh", "flesh impact", "gibimp", "flesh impact", "gibsplt", "splatter", "gurp", "gurgling",
                        "watr", "water", "un", "under", "fry", "sizzling", "ric", "ricochet", "buletby", "bullet passing",
                        "machgf", "machine gun", "sshotf", "shotgun", "rocklf", "rocket launch", "rocklx",
                        "rocket explosion", "rockfly", "rocket flying", "grenlf", "grenade launch", "hgrenb",
                        "grenade bounce", "hyprbf", "plasma gun", "lasfly", "laser flying", "plasmx",
                        "plasma explosion", "railgf", "railgun", "rg", "railgun", "hum", "hum", "lg", "lightning gun",
                        "fstatck", "punch", "fsthum", "fsthum", "fstrun", "fstrun", "wvulfire", "minigun",
                        "wvulwind", "minigun spinning", "vulcanf", "minigun", "bullet", "bullet", "shell",
                        "bullet casing", "drops", "water drops", "fire", "fire", "firesoft", "soft fire", "telein",
                        "teleport", "teleout", "teleport", "jumppad", "jump pad", "neonhum", "neon light hum",
                        "moan", "moaning", "painwind", "howling wind", "drone", "drone", "machinerydrone",
                        "machinery drone", "demonwind", "howling wind", "blubber", "bubbling", "electro", "electric buzz",
                        "airout", "gasping for air", "medkit", "medkit"));
        add(rule("flightgear-data-base")
                // Cockpit, engine and weather sounds of the flight simulator; the ground-proximity and
                // traffic-alert callouts are speech whose file names are what is said.
                .exclude("(^|/)intro\\.mp3$", "(^|/)(checklist\\d|gps_to_glove_compartment)\\.")
                .speech("(^|/)(mk-viii|tcas)/")
                .speech(SpeechPolicy.SAYING)
                .noise("aircraft", "c172p", "female", "mk", "viii", "tcas", "p51d", "r", "rpm", "gpws", "inop",
                        "avionics", "hz", "khz", "slow", "sounds")
                .replace("engstart", "engine start", "gear", "landing gear", "hrn", "horn", "lck", "lock",
                        "prop", "propeller", "flaps", "flaps motor", "exhaust", "engine exhaust", "overspeed",
                        "overspeed warning", "stall", "stall warning horn", "vortex", "vortex", "cranking",
                        "engine cranking", "gatling", "gatling gun", "squeal", "tyre squeal", "rumble", "rumble",
                        "skid", "tyres skidding"));
        add(rule("trigger-rally-data")
                // The co-drivers' pace notes are speech whose file names are the words said.
                .speech("(^|/)codriver/")
                .speech(SpeechPolicy.SAYING)
                .noise("codriver", "ab", "paula", "tim")
                .replace("bang", "crash bang", "gear", "gear change", "gravel", "tyres on gravel", "engine",
                        "car engine"));
        add(rule("colobot-common-sounds")
                // Staged by setup-corpus.sh under descriptive names from the game's sound table
                // (the files are sound000.wav ... sound082.wav).
                .exclude(MUSIC)
                .noise("colobot"));
        add(rule("tuxpaint-plugins-default")
                // Magic tools: keep those whose names describe the sound, not a picture effect.
                .exclude("(^|/)magic/(alien|blind|blocks|blur|calligraphy|cartoon|checkerboard|clone\\w*|darken|"
                        + "distortion|edges|emboss|fade|fisheye|flip|fold|fretwork|glasstile|halftone|kaleidoscope|"
                        + "light\\d|metalpaint|mirror|mosaic\\w*|negative|noise|perspective|picasso|pixels|puzzle|"
                        + "rails|rainbow|realrainbow|reflection|sharpen|shift|silhouette|smudge|stretch|string\\d?|"
                        + "thick|thin|tint|tv|wavelet|xor|zoom_\\w+|flower_release)\\.")
                .noise("magic", "tuxpaint", "release")
                .replace("toothpaste", "toothpaste squeeze", "snowflake", "snowflake chime", "tornado", "tornado wind",
                        "foam", "foam bubbles", "chalk", "chalk drawing", "confetti", "confetti pop", "ripples",
                        "water ripples", "snowball", "snowball"));
        add(rule("tuxpaint-data")
                // Tux Paint's interface sounds; the spoken prompts ("are you sure") are left out.
                .exclude("(^|/)(areyousure|youcannot|prompt|tuxok|save|return|italic_\\w+|line_\\w+|mirror|fill|"
                        + "grow|shrink|thick|thin|flip|stamp|scroll)\\.wav$")
                .noise("tuxpaint")
                .replace("eraser", "eraser rubbing", "paint", "paintbrush", "keyclick", "key click",
                        "typewriterbell", "typewriter bell", "harp", "harp glissando"));
        add(rule("neverball-common")
                // The announcer's words (ready, set, go, birdie, par, ...) are left out, with the music.
                .exclude(MUSIC, "(^|/)bgm/", "(^|/)(birdie|bogey|double|eagle|go|goal|one|over|par|penalty|"
                        + "player\\d|ready|record|set|success|time|menu|select)\\.ogg$")
                .noise("snd", "gd", "bink", "lil")
                .replace("bumpbig", "big bump", "bumplil", "small bump", "ball", "ball rolling", "tick", "clock tick",
                        "tock", "clock tock", "coin", "coin pickup"));
        add(rule("lomiri-sounds")
                // Ringtones are music; notification names are mostly place and brand names.
                .exclude("(^|/)ringtones/")
                .noise("lomiri", "amsterdam", "ede", "noti", "karinding", "positive", "rhodes", "sintesis",
                        "sintonia", "slick", "soft", "delay", "a440")
                .replace("xylo", "xylophone", "lowbattery", "low battery alert", "blip", "blip")
                .extraTags("notification"));
        add(rule("bzflag-data")
                .licence("LGPL-2.1 or MPL-1.1")
                .exclude("(^|/)(flag_\\w+|hunt\\w*|killteam|spree\\d|teamgrab|thief|phantom|burrow|steamroller)\\.wav$")
                .noise("bzflag", "games")
                .replace("message", "message alert", "admin", "admin", "flap", "wing flap", "pop", "pop",
                        "shock", "shock wave"));
        add(rule("sound-icons")
                // Short sounds for speech-enabled applications, named in Czech and English.
                .noise("sound", "icons", "gentleman", "gummy", "long", "chord", "prompt")
                .replace("cembalo", "harpsichord", "klavichord", "clavichord", "cymbaly", "cymbals", "xylofon",
                        "xylophone", "violoncello", "cello", "pisk", "squeak", "cink", "clink", "cockchafer",
                        "beetle buzzing", "canary", "canary singing", "pipe", "pipe whistle")
                .extraTags("notification"));
        add(rule("powermanga-data")
                .exclude(MUSIC, "(^|/)handheld_console/", "(^|/)sound_(select\\w*|lonely_foe|downgrade_\\w+)\\.")
                .noise("powermanga", "sound", "guardian", "enemy", "green", "purple", "red", "yellow", "circular")
                .replace("gem", "gem pickup"));
        add(rule("brainparty-data")
                .exclude("(^|/)(correct|wrong\\d?|result|happy_ring|down|gem_select)\\.")
                .noise("brainparty", "hi", "soft")
                .replace("baa", "sheep bleating", "meow", "cat meowing", "whack", "whack hit", "swoosh", "swoosh",
                        "slide", "sliding", "zap", "electric zap"));
        add(rule("tuxtype-data")
                .licence("GPL-2+")
                .exclude("\\.ogg$", "(^|/)themes/", "(^|/)(excuseme|win|winfinal|lose|pause|run|shieldsdown|tock)\\.wav$")
                .noise("tuxtype")
                .replace("bite", "bite crunch", "buzz", "buzzer", "cheer", "crowd cheering", "harp", "harp glissando",
                        "splat", "splat", "pop", "bubble pop"));
        add(rule("frozen-bubble-data")
                .exclude("(^|/)(frozen-mainzik\\w*|introzik|malus|newroot\\w*|noh|chatted|hurry|lose|cancel|"
                        + "menu_\\w+|pause)\\.ogg$")
                .noise("frozen", "bubble", "snd")
                .replace("applause", "applause", "snore", "snoring", "typewriter", "typewriter typing",
                        "destroy", "bubbles popping", "group", "group", "launch", "bubble launch", "rebound",
                        "bubble bounce", "stick", "bubble sticking"));
        add(rule("extremetuxracer-data")
                .exclude(MUSIC)
                .noise("etr", "sounds")
                .replace("slide", "sliding", "pickup", "pickup chime", "tree", "tree"));
        add(rule("freeciv-data")
                // The standard sound set, named by the same abbreviations as Warzone 2100's.
                .exclude("(^|/)stdmusic/", "(^|/)(illegal|wakeup)\\.")
                .noise("stdsounds", "freeciv", "bar", "inh")
                .replace("lrgcan", "large cannon", "lrgexpl", "large explosion", "medcan", "medium cannon",
                        "mgbar", "machine gun burst", "mgheavy", "heavy machine gun", "smlexpl", "small explosion",
                        "thover", "hovering transport", "tread", "tank treads", "foot", "footsteps", "metbrk",
                        "metal breaking", "woodbrk", "wood breaking", "wall", "wall collapsing", "mortar", "mortar shot",
                        "splash", "splash", "o", "water"));
        add(rule("tuxmath-data")
                .exclude("\\.ogg$", "(^|/)(shieldsdown|tock)\\.wav$")
                .noise("tuxmath")
                .replace("buzz", "buzzer", "cheer", "crowd cheering", "harp", "harp glissando", "pop", "bubble pop",
                        "sizzling", "sizzling", "towerclock", "tower clock chiming", "engine", "rocket engine"));
        add(rule("gnome-audio")
                .licence("CC-BY-SA-2.0 or CC-BY-3.0")
                .noise("gnome", "generic", "gtk", "events", "panel", "toggled", "activate", "question", "info")
                .replace("card", "playing cards", "shuffle", "shuffling", "clicked", "mouse click", "slide", "slide",
                        "startup", "startup chime", "shutdown", "shutdown chime", "login", "login chime", "logout",
                        "logout chime", "email", "new email alert", "error", "error alert", "warning", "warning alert",
                        "phone", "telephone ringing")
                .extraTags("notification"));
        add(rule("pingus-data")
                .licence("GPL-2+")
                .exclude("(^|/)(goodidea|letsgo|ohno|yipee)\\.")
                .noise("pingus")
                .replace("digger", "digging", "chink", "chink", "ting", "ting", "plop", "plop"));
        add(rule("alienblaster-data")
                .exclude("(^|/)(intro|choose|confirm|playon)\\.")
                .noise("alienblaster", "primary", "secondary", "boss")
                .replace("shot", "laser shot", "alarm", "alarm"));
        add(rule("chromium-bsu-data")
                .exclude("(^|/)music_\\w+\\.wav$", "(^|/)(life_add|life_lose|power)\\.")
                .noise("chromium", "bsu", "wav", "std")
                .replace("explo", "explosion", "boom", "boom"));
        add(rule("openclonk-data")
                // Sound.ocg unpacked by setup-corpus.sh; the clonks' voices are kept where they are
                // not words (hurt, laugh, scream), the others (confirm, decline, doubt) left out.
                .licence("CC-BY-3.0 or CC0-1.0")
                .exclude("(^|/)skin/[^/]+/(confirm|decline|doubt|evilconfirm|singing)\\d*\\.", "(^|/)ui/")
                .noise("sound", "clonk", "skin", "adventurer", "alchemist", "farmer", "steampunk", "chippie",
                        "mooq", "puka", "wipf", "zap", "lavacore", "action", "movement", "materials", "objects",
                        "environment", "hits", "liquids", "animals", "general", "organic", "alt", "boompack", "lorry",
                        "disasters", "vine", "aroof", "snuff", "whine")
                .replace("munch", "munching", "snort", "snorting", "snorting", "snorting", "stephard",
                        "hard footsteps", "stepsoft", "soft footsteps", "step", "footsteps", "dig", "digging",
                        "hurt", "pain groan", "die", "death scream", "laughter", "laughing", "shock", "shocked gasp",
                        "scream", "screaming", "weep", "weeping", "pshshsh", "hiss", "birdsloop", "birds singing",
                        "windloop", "wind", "stereorain", "rain", "chop", "wood chopping", "blast", "explosion",
                        "grab", "grab", "flutter", "wings fluttering", "chirp", "chirping", "growl", "growling"));
        add(rule("stormbaancoureur-data")
                .licence("GPL-3+")
                .noise("stormbaancoureur", "s", "le")
                .replace("camaro", "car engine", "detonationnorm", "detonation"));
        add(rule("kajongg")
                // Unpacked from the package (not installed: it is an application). Its voices read
                // mah-jongg tiles and calls in English and German: speech without a transcript.
                .speech(SpeechPolicy.SPEAKER)
                .language("english")
                .noise("kajongg"));
        add(rule("kgoldrunner").noise("kgoldrunner", "themes", "gold").replace("gold", "gold pickup",
                "gameover", "game over jingle", "completed", "level complete jingle", "victory", "victory jingle",
                "step", "footstep", "climb", "climbing", "ladder", "ladder climbing", "dig", "digging"));
        add(rule("kolf")
                .exclude("(^|/)(blackhole\\w*|woohoo)\\.")
                .noise("kolf")
                .replace("holeinone", "hole in one", "holed", "golf ball in the hole", "hit", "golf ball hit",
                        "bumper", "bumper", "puddle", "ball in water", "wall", "ball hitting a wall"));
        add(rule("granatier")
                .exclude("(^|/)(wow|joint|clear)\\.")
                .noise("granatier")
                .replace("putbomb", "bomb placed", "deepfall", "falling deep", "corpse", "corpse", "winlevel",
                        "level won jingle", "explode", "explosion", "die", "dying", "crunch", "crunch"));
        add(rule("kblocks").exclude("(^|/)themes/").noise("kblocks").replace("remove", "removed"));
        add(rule("knavalbattle").noise("knavalbattle", "player").replace("sink", "ship sinking", "shoot", "shot"));
        add(rule("bomber").noise("bomber").replace("bomb", "bomb falling", "crash", "crash"));
        add(rule("gnome-robots").exclude("(^|/)(yahoo|victory)\\.").noise("gnome", "robots")
                .replace("splat", "splat", "teleport", "teleport", "die", "robot dying"));
        add(rule("lugaru-data")
                .exclude("(^|/)music\\w*\\.ogg$", "(^|/)(consolefail|consolesuccess)\\.")
                .noise("lugaru", "sounds", "rabbit", "staff", "body")
                .replace("barkgrowl", "dog barking and growling", "bark", "dog barking", "growl", "growling",
                        "snarl", "snarling", "hawk", "hawk screeching", "chitter", "chittering",
                        "desertambient", "desert ambience", "footstepgrass", "footsteps on grass", "footstepsnow",
                        "footsteps in snow", "footstepstone", "footsteps on stone"));
        add(rule("btanks-data")
                .exclude(MUSIC, "(^|/)menu/", "(^|/)(respawn|disembark|taking-item-\\d|klaxon-funny)\\.")
                .noise("btanks", "games", "dumb", "stun", "dispersion", "boomerang", "kamikaze", "deadman",
                        "smoke", "slime", "old", "guided")
                .replace("man-steps", "footsteps", "laugh", "laughing", "cow", "cow mooing"));
        add(rule("naev-data")
                .exclude(MUSIC, "(^|/)(afb_disengage|outfit-\\w+|nav|target|hail|\\d+-second-\\w+)\\.")
                .noise("naev", "dat", "snd", "banshee", "ion", "mace", "mass", "ripper", "seeker", "neutron", "afb")
                .replace("lrgexp", "large explosion", "medexp", "medium explosion", "empexplode", "explosion",
                        "bansheeexp", "explosion", "computer", "computer", "jam", "jamming"));
        add(rule("enigma-data")
                .licence("GPL-2+")
                .exclude(MUSIC, "(^|/)menu\\w*\\.wav$", "(^|/)(st-oxyd\\w*|st-fakeoxyd|st-magic|invrotate|"
                        + "it-trigger\\w*)\\.wav$")
                .noise("enigma", "soundsets", "st", "it", "suck")
                .replace("ballcollision", "ball collision", "dropinwater", "drop in water", "drown", "drowning",
                        "swamped", "sinking in a swamp", "coinslot", "coin slot", "mirrorturn", "mirror turning"));
        add(rule("starfighter-data")
                .exclude(MUSIC)
                .noise("starfighter", "male")
                .replace("beamlaser", "laser beam", "hyperspace", "hyperspace jump", "flyby", "flyby",
                        "item", "item pickup", "death", "death scream"));
        add(rule("freedink-data")
                // Not machine-readable: the original pack is under the zlib licence, replacements under
                // GPL-2+/GPL-3+, CC-BY-3.0, CC-BY-SA-3.0 and the Free Art License 1.3.
                .licence("Zlib or GPL-3+ or CC-BY-3.0 or CC-BY-SA-3.0 or FAL-1.3")
                .exclude("(^|/)(intro|save|secret|denube|lovin|nono|sel\\d|high\\d)\\.")
                .noise("dink", "freedink")
                .replace("bhit", "blunt hit", "bird", "bird chirping", "bow", "bow shot", "swing", "swing whoosh",
                        "wscream", "woman screaming", "grunt", "grunting", "open", "door opening", "stairs",
                        "footsteps on stairs", "burn", "fire burning", "gold", "coins"));
        add(rule("freegish-data")
                .exclude("(^|/)(secrets\\d|points|amber|bobattack|nibattack|visattack|gishhit|tarball)\\.")
                .noise("freegish")
                .replace("blockbreak", "block breaking", "chainbreak", "chain breaking", "fleshhit", "flesh hit",
                        "necksnap", "neck snap", "rockfriction", "rock scraping", "rockhit", "rock hit", "ropebreak",
                        "rope snapping", "lava", "lava bubbling"));
        add(rule("foobillardplus-data")
                .exclude("(^|/)intro\\.")
                .noise("foobillardplus")
                .replace("ballinhole", "billiard ball in a pocket", "balloutoftable", "billiard ball off the table",
                        "oneballontable", "billiard ball", "shuffleballs", "billiard balls shuffling", "smack",
                        "billiard cue hit", "ooh", "crowd ooh", "applause", "applause"));
        add(rule("7kaa-data").noise("kaa").replace("quake", "earthquake rumble", "fire", "fire", "rain", "rain",
                "thunder", "thunder", "wind", "wind"));
        add(rule("bucklespring-data")
                // Staged as keyboard_typing/: the files are named by key scan code, so the folder is the label.
                .noise("buckle", "bucklespring")
                .extraTags("keyboard"));
        add(rule("hannah-data")
                .exclude("(^|/)bgm\\d*\\.", "(^|/)(uh-oh|yeah)\\.")
                .noise("hannah", "c")
                .replace("dripc", "drip", "chomp", "chomping", "gulp", "gulping"));
        add(rule("lbreakout2-data")
                .licence("GPL-2+")
                // Spoken comments ("excellent", "damn") and power-up jargon are left out.
                .exclude("(^|/)(dammit|damn|excellent|verygood|wontgiveup|chaos|darkness|disable|joker|ghost|"
                        + "goldshower|bonus_magnet|malus_magnet|weak_ball|timeadd|score|standard|edit|gainlife|"
                        + "looselife|extraball|speeddown|speedup|freeze)\\.wav$")
                .noise("lbreakout", "gui", "theme")
                .replace("exp", "explosion", "expl", "explosion", "reflect", "ball bounce", "attach", "ball sticking",
                        "menu", "menu", "motion", "whoosh", "shot", "shot", "metal", "metal ping", "expand", "expand",
                        "shrink", "shrink"));
        add(rule("moon-lander-data")
                .exclude("(^|/)eagle_has_landed\\.")
                .noise("moon", "lander", "b", "lp")
                .replace("retro", "retro rocket", "blaster", "blaster shot", "jet", "rocket jet", "honk", "horn honk",
                        "beep", "beep"));
        add(rule("psi-plus-sounds")
                .exclude("(^|/)(chess_\\w+|ft_\\w+|pepnotify|watcher)\\.")
                .noise("psi", "plus")
                .replace("chat", "chat message", "send", "message sent", "online", "contact online", "offline",
                        "contact offline", "email", "new email", "reminder", "reminder", "attention", "attention")
                .extraTags("notification"));
        add(rule("netpanzer-data")
                // Unit acknowledgements ("yes sir", "move out") are speech without a transcript.
                .exclude("(^|/)(\\w+-selected_\\w+|move_\\w+|target_\\w+|yessir|attack|menu|powerup|"
                        + "unitsound_\\w+|scream_ohgod)\\.wav$")
                .noise("netpanzer", "ho", "ht", "hv", "lt", "mt", "mu", "battle", "shell")
                .replace("expl", "explosion", "miss", "shell miss", "hevidle", "heavy tank idling", "hevmov",
                        "heavy tank moving", "hevstart", "heavy tank engine start", "tankidle", "tank idling",
                        "mg", "machine gun", "fire", "cannon fire", "hit", "shell hit", "scream", "screaming"));
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
        private String language;

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

        /** The language of speech whose path names none ({@link SpeechPolicy#SPEAKER}). */
        Builder language(String name) {
            language = name;
            return this;
        }

        Builder tuxPaintText() {
            tuxPaintText = true;
            return this;
        }

        SourceRule build() {
            return new SourceRule(name, exclude, speech, policy, Set.copyOf(noise), replace, extraTags, tuxPaintText,
                    licence, language);
        }
    }
}
