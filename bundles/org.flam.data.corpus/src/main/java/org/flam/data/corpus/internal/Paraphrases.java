package org.flam.data.corpus.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain paraphrases of a caption, made by rule from the shapes of caption that {@link Labeller}
 * writes, so that a recording is trained on (and a zero-shot test is queried with) more than one
 * wording of its sound. At most {@value #MAX} per caption, each 2 to 13 words, none equal to the
 * caption:
 *
 * <ul>
 * <li>"the sound of X": "an X" (with the right article, or "a sound of X" for plurals and mass
 * nouns) and "X sound": "the sound of explosion" gives "an explosion", "explosion sound".</li>
 * <li>"N Ving" (a subject and a final -ing verb): the subject's synonym with an article, the verb
 * first, and "the sound of ...": "cattle mooing" gives "a cow mooing", "mooing cattle", "the sound of
 * a cow mooing".</li>
 * <li>Speech: "a voice saying X" gives "someone saying X", "a person saying X"; "a woman speaking
 * french" gives "a female voice speaking french", "a woman talking in french".</li>
 * <li>"a X playing" (instruments): "X playing", "the sound of a X"; "X ambience": "the sound of X",
 * "X atmosphere".</li>
 * <li>Any other noun phrase: with or without its article, and "the sound of ...": "car horn" gives
 * "a car horn", "the sound of a car horn", "car horn sound".</li>
 * </ul>
 */
public final class Paraphrases {

    /** Most paraphrases per caption. */
    static final int MAX = 3;

    /** Synonyms used in paraphrases: a word, and the plainer word that replaces it. */
    static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("cattle", "cow"), Map.entry("cows", "cow"), Map.entry("puppy", "dog"), Map.entry("dogs", "dog"),
            Map.entry("kitten", "cat"), Map.entry("hen", "chicken"), Map.entry("gull", "seagull"),
            Map.entry("toad", "frog"), Map.entry("automobile", "car"), Map.entry("aeroplane", "airplane"),
            Map.entry("airplane", "plane"), Map.entry("telephone", "phone"), Map.entry("phone", "telephone"),
            Map.entry("gunshot", "gun shot"), Map.entry("kids", "children"),
            Map.entry("auto", "car"), Map.entry("lorry", "truck"),
            Map.entry("bike", "bicycle"), Map.entry("motorbike", "motorcycle"), Map.entry("chopper", "helicopter"));

    /** Words that take no article: plurals without a final s, and mass nouns. */
    static final Set<String> NO_ARTICLE = Set.of("people", "men", "women", "children", "cattle", "sheep", "geese",
            "mice", "feet", "teeth", "police", "rain", "wind", "water", "fire", "thunder", "applause", "laughter",
            "music", "speech", "traffic", "static", "gravel", "snow", "ice", "sand", "mud", "grass", "steam", "smoke",
            "lava", "machinery", "electricity", "gunfire", "hail", "air", "ambience", "ambiance", "typing", "wood",
            "metal", "glass", "paper", "rubble", "debris", "slime", "fish", "deer", "equipment", "gold", "money",
            "silence", "noise", "feedback", "cloth", "foliage", "wildlife", "poultry", "livestock", "birdsong",
            "chatter", "dialogue", "talk", "breathing", "snoring", "rustling", "weather", "gear", "armor", "armour",
            "lightning", "rainfall", "hunger", "pain", "magic", "damage", "health", "oxygen", "power", "energy");

    private static final Set<String> ARTICLES = Set.of("a", "an", "the");
    private static final Set<String> GENDER = Set.of("man", "woman", "boy", "girl");

    private Paraphrases() {
    }

    /**
     * The paraphrases of {@code caption} (a normalised caption text), in a fixed order; may be
     * empty (a caption too short or too long to reword).
     */
    public static List<String> of(String caption) {
        List<String> w = Arrays.asList(caption.split(" "));
        Set<String> out = new LinkedHashSet<>();
        int n = w.size();
        if (n >= 4 && w.get(0).equals("the") && w.get(1).equals("sound") && w.get(2).equals("of")) {
            List<String> x = w.subList(3, n);
            List<String> core = withoutArticle(x);
            String coreText = String.join(" ", core);
            if (hasArticle(x) && x.size() >= 2) {
                out.add(String.join(" ", x));
            } else if (takesArticle(core)) {
                out.add(article(core.get(0)) + " " + coreText);
            } else {
                out.add("a sound of " + coreText);
            }
            if (!last(core).equals("sound") && !last(core).equals("noise")) {
                out.add(coreText + " sound");
            }
        } else if (n >= 3 && w.get(0).equals("a") && w.get(1).equals("voice") && w.get(2).equals("saying")) {
            String said = String.join(" ", w.subList(3, n));
            out.add(("someone saying " + said).strip());
            out.add(("a person saying " + said).strip());
        } else if (caption.equals("a voice speaking")) {
            out.add("someone speaking");
            out.add("a person talking");
        } else if (n >= 3 && w.get(0).equals("a") && GENDER.contains(w.get(1)) && w.get(2).equals("speaking")) {
            String lang = String.join(" ", w.subList(3, n));
            String voice = w.get(1).equals("man") || w.get(1).equals("boy") ? "a male voice" : "a female voice";
            out.add((voice + " speaking " + lang).strip());
            out.add(("a " + w.get(1) + " talking" + (lang.isEmpty() ? "" : " in " + lang)).strip());
        } else if (n >= 3 && w.get(0).equals("a") && last(w).equals("playing")) {
            List<String> instrument = w.subList(1, n - 1);
            out.add(String.join(" ", instrument) + " playing");
            out.add("the sound of a " + String.join(" ", instrument));
        } else if (n >= 2 && (last(w).equals("ambience") || last(w).equals("ambiance"))) {
            List<String> scene = w.subList(0, n - 1);
            out.add("the sound of " + String.join(" ", scene));
            out.add(String.join(" ", scene) + " atmosphere");
        } else if (n >= 2 && last(w).endsWith("ing") && last(w).length() > 4) {
            List<String> subject = withoutArticle(w.subList(0, n - 1));
            String verb = last(w);
            String syn = synonymPhrase(subject);
            List<String> synWords = Arrays.asList(syn.split(" "));
            String withArticle = takesArticle(synWords) ? article(synWords.get(0)) + " " + syn : syn;
            out.add(withArticle + " " + verb);
            if (subject.size() <= 2) {
                out.add(verb + " " + String.join(" ", subject));
            }
            out.add("the sound of " + withArticle + " " + verb);
        } else if (n >= 2) {
            List<String> core = withoutArticle(w);
            String coreText = String.join(" ", core);
            if (hasArticle(w)) {
                if (core.size() >= 2) {
                    out.add(coreText);
                }
                out.add("the sound of " + caption);
            } else if (takesArticle(core)) {
                String a = article(core.get(0)) + " " + coreText;
                out.add(a);
                out.add("the sound of " + a);
            } else {
                out.add("the sound of " + coreText);
            }
            if (!last(core).equals("sound") && !last(core).equals("noise")) {
                out.add(coreText + " sound");
            }
        }
        List<String> result = new ArrayList<>();
        for (String p : out) {
            int words = p.split(" ").length;
            if (!p.equals(caption) && words >= 2 && words <= Labeller.MAX_WORDS && result.size() < MAX) {
                result.add(p);
            }
        }
        return List.copyOf(result);
    }

    /** "a" or "an" before {@code word}, by its first sound (a spelling rule with the common exceptions). */
    static String article(String word) {
        if (word.startsWith("hour") || word.startsWith("honest") || word.startsWith("heir")) {
            return "an";
        }
        if (word.startsWith("uni") || word.startsWith("use") || word.startsWith("usu") || word.startsWith("eu")
                || word.startsWith("one") || word.startsWith("ufo")) {
            return "a";
        }
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    /** Whether a noun phrase takes "a"/"an": its head (last word) is neither plural nor a mass noun. */
    static boolean takesArticle(List<String> phrase) {
        if (phrase.isEmpty()) {
            return false;
        }
        String head = last(phrase);
        return !NO_ARTICLE.contains(head) && !isPlural(head) && !head.endsWith("ing");
    }

    static boolean isPlural(String word) {
        return word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
                && !word.endsWith("is") && !word.endsWith("ous");
    }

    private static String synonymPhrase(List<String> words) {
        if (words.size() == 1) {
            return SYNONYMS.getOrDefault(words.get(0), words.get(0));
        }
        return String.join(" ", words);
    }

    private static boolean hasArticle(List<String> words) {
        return !words.isEmpty() && ARTICLES.contains(words.get(0));
    }

    private static List<String> withoutArticle(List<String> words) {
        return hasArticle(words) && words.size() > 1 ? words.subList(1, words.size()) : words;
    }

    private static String last(List<String> words) {
        return words.get(words.size() - 1);
    }
}
