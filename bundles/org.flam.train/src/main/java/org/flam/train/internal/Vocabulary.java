package org.flam.train.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flam.api.CorpusEntry;

/**
 * The training texts and how they relate, read from the training side of the corpus: per
 * caption its <b>wordings</b> (the caption and its paraphrases), its <b>tags</b>, and per text
 * the <b>label groups</b> it names (a caption, its synonyms and paraphrases share a group,
 * {@link CorpusEntry#group()}).
 *
 * <p>What the batches make of it: a clip's event with caption {@code c} is described by every
 * text of {@link #positives(String) positives(c)} (wordings and tags) and by every text of one
 * of {@link #groups(String) groups(c)}; such a text is a positive for the clip at the event's
 * frames, never a negative. The {@link #negatives() negative vocabulary} (every caption and
 * paraphrase, not tags: tags are broad words such as "animal" that describe many groups) is
 * where the text slots that no clip owns are drawn from.
 *
 * <p>A text the corpus does not know (a mixture caption without a corpus) is its own only
 * wording and its own group.
 */
final class Vocabulary {

    private final Map<String, List<String>> wordings;
    private final Map<String, List<String>> tags;
    private final Map<String, Set<String>> groups;
    private final List<String> negatives;
    /** {@link #positives} per known caption, computed once: batches ask for it per (clip, text). */
    private final Map<String, Set<String>> positives;

    private Vocabulary(Map<String, List<String>> wordings, Map<String, List<String>> tags,
            Map<String, Set<String>> groups, List<String> negatives) {
        this.wordings = wordings;
        this.tags = tags;
        this.groups = groups;
        this.negatives = negatives;
        Map<String, Set<String>> p = new java.util.HashMap<>();
        for (String caption : wordings.keySet()) {
            Set<String> set = new LinkedHashSet<>(wordings.get(caption));
            set.addAll(tags.getOrDefault(caption, List.of()));
            p.put(caption, Collections.unmodifiableSet(set));
        }
        this.positives = p;
    }

    /**
     * The vocabulary of {@code entries} (the training side of a corpus, events and backgrounds)
     * plus {@code extraCaptions} (e.g. the captions of fixed mixtures) as texts of their own.
     */
    static Vocabulary of(Collection<CorpusEntry> entries, Collection<String> extraCaptions) {
        Map<String, Set<String>> wordings = new LinkedHashMap<>();
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        Set<String> negatives = new LinkedHashSet<>();
        for (CorpusEntry e : entries) {
            String caption = e.caption().text();
            Set<String> w = wordings.computeIfAbsent(caption, c -> new LinkedHashSet<>(List.of(c)));
            w.addAll(e.paraphrases());
            Set<String> t = tags.computeIfAbsent(caption, c -> new LinkedHashSet<>());
            for (String tag : e.caption().tags()) {
                if (!w.contains(tag)) {
                    t.add(tag);
                }
            }
            for (String text : w) {
                groups.computeIfAbsent(text, x -> new LinkedHashSet<>()).add(e.group());
                negatives.add(text);
            }
        }
        for (String c : extraCaptions) {
            wordings.computeIfAbsent(c, x -> new LinkedHashSet<>(List.of(x)));
            groups.computeIfAbsent(c, x -> new LinkedHashSet<>(List.of(x)));
            negatives.add(c);
        }
        // a tag that is also a wording is described by that wording's groups, not its own tag role
        tags.replaceAll((c, t) -> {
            t.removeAll(wordings.getOrDefault(c, Set.of()));
            return t;
        });
        return new Vocabulary(freeze(wordings), freeze(tags), freezeSets(groups), List.copyOf(negatives));
    }

    private static Map<String, List<String>> freeze(Map<String, Set<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Set<String>> freezeSets(Map<String, Set<String>> m) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        return Collections.unmodifiableMap(out);
    }

    /** The caption first, then its paraphrases; {@code [caption]} for an unknown caption. */
    List<String> wordings(String caption) {
        return wordings.getOrDefault(caption, List.of(caption));
    }

    /** The caption's tags that are not among its wordings; may be empty. */
    List<String> tags(String caption) {
        return tags.getOrDefault(caption, List.of());
    }

    /** Every text that describes an event with this caption: its wordings and tags. */
    Set<String> positives(String caption) {
        Set<String> p = positives.get(caption);
        return p != null ? p : Set.of(caption);
    }

    /** The label groups a text names as a caption or paraphrase; {@code {text}} for any other text. */
    Set<String> groups(String text) {
        return groups.getOrDefault(text, Set.of(text));
    }

    /** Whether {@code text} describes an event with {@code caption}: one of its positives or of its groups. */
    boolean describes(String text, String caption) {
        if (text.equals(caption) || positives(caption).contains(text)) {
            return true;
        }
        Set<String> g = groups(caption);
        for (String x : groups(text)) {
            if (g.contains(x)) {
                return true;
            }
        }
        return false;
    }

    /** Captions and paraphrases of the training side, distinct, in corpus order: where negatives come from. */
    List<String> negatives() {
        return negatives;
    }

    /** Every text a batch can hold: the negative vocabulary and every tag. */
    Set<String> all() {
        Set<String> all = new LinkedHashSet<>(negatives);
        tags.values().forEach(all::addAll);
        return all;
    }

    /** Number of distinct label groups. */
    int groupCount() {
        Set<String> all = new LinkedHashSet<>();
        groups.values().forEach(all::addAll);
        return all.size();
    }
}
