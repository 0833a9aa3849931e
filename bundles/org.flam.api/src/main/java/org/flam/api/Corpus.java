package org.flam.api;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A text-labelled corpus: a root directory and the recordings under it, the input of mixture
 * synthesis (SPEC §4).
 *
 * <p>The entry order is part of the corpus: synthesis draws entries by index, so the same
 * entries in another order give other mixtures for the same (seed, index). Readers should
 * keep the order of the corpus file.
 *
 * @param root    directory the entries' paths are relative to; not required to exist (a
 *                synthesizer reports a missing file when it reads it)
 * @param entries the recordings, distinct paths, in corpus-file order; unmodifiable
 */
public record Corpus(Path root, List<CorpusEntry> entries) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if an argument or an entry is null
     * @throws IllegalArgumentException if two entries have the same path
     */
    public Corpus {
        Objects.requireNonNull(root, "root");
        entries = List.copyOf(entries);
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!paths.add(entries.get(i).path())) {
                throw new IllegalArgumentException("entries[" + i + "] repeats path \""
                        + entries.get(i).path() + "\"");
            }
        }
    }

    /** The {@link CorpusEntry.Kind#EVENT} entries, in corpus order; unmodifiable. */
    public List<CorpusEntry> events() {
        return entries.stream().filter(e -> e.kind() == CorpusEntry.Kind.EVENT).toList();
    }

    /** The {@link CorpusEntry.Kind#BACKGROUND} entries, in corpus order; unmodifiable. */
    public List<CorpusEntry> backgrounds() {
        return entries.stream().filter(e -> e.kind() == CorpusEntry.Kind.BACKGROUND).toList();
    }

    /** The file of {@code entry}: {@code root.resolve(entry.path())}. */
    public Path resolve(CorpusEntry entry) {
        return root.resolve(entry.path());
    }
}
