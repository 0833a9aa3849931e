package org.flam.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.flam.api.Caption;
import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;
import org.junit.jupiter.api.Test;

class CorpusSplitTest {

    /** 400 recordings in 80 groups of 5, each recording with its own caption and one paraphrase. */
    private static List<CorpusEntry> entries() {
        List<CorpusEntry> entries = new ArrayList<>();
        for (int g = 0; g < 80; g++) {
            for (int i = 0; i < 5; i++) {
                String caption = "concept" + (char) ('a' + g % 26) + (char) ('a' + g / 26) + " variant " + (char) ('a' + i);
                entries.add(new CorpusEntry("src/g" + g + "/r" + i + ".wav", new Caption(caption), 1 + i,
                        i == 4 ? CorpusEntry.Kind.BACKGROUND : CorpusEntry.Kind.EVENT, "test", "CC0-1.0",
                        List.of("the sound of " + caption), "group-" + g));
            }
        }
        return entries;
    }

    @Test
    void wholeGroupsAreHeldOutAndTrainingSharesNoGroupOrPathWithTheTestSides() {
        double h = 0.2;
        double z = 0.25;
        Set<String> trainGroups = new HashSet<>();
        Set<String> zeroShotGroups = new HashSet<>();
        int heldPaths = 0;
        for (CorpusEntry e : entries()) {
            boolean training = CorpusSplit.isTraining(e, h, z);
            assertEquals(!CorpusSplit.isHeldout(e.path(), h) && !CorpusSplit.isZeroShot(e, z), training);
            if (training) {
                trainGroups.add(e.group());
            }
            if (CorpusSplit.isZeroShot(e, z)) {
                zeroShotGroups.add(e.group());
                assertFalse(training);
            }
            heldPaths += CorpusSplit.isHeldout(e.path(), h) ? 1 : 0;
        }
        assertFalse(zeroShotGroups.isEmpty());
        assertFalse(trainGroups.isEmpty());
        Set<String> both = new HashSet<>(trainGroups);
        both.retainAll(zeroShotGroups);
        assertEquals(Set.of(), both);
        // both rules hold out roughly their fraction
        assertTrue(zeroShotGroups.size() > 8 && zeroShotGroups.size() < 32, "zero-shot groups " + zeroShotGroups.size());
        assertTrue(heldPaths > 40 && heldPaths < 120, "held-out paths " + heldPaths);
    }

    @Test
    void theRuleIsStableAndIndependentOfOrderSeedAndOtherEntries() {
        List<CorpusEntry> entries = entries();
        List<CorpusEntry> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new Random(7));
        ZeroShotCheck a = new ZeroShotCheck(CorpusSplit.zeroShot(new Corpus(Path.of("/c"), entries), 0.1, 0.2));
        ZeroShotCheck b = new ZeroShotCheck(CorpusSplit.zeroShot(new Corpus(Path.of("/c"), shuffled), 0.1, 0.2));
        assertEquals(a, b);
        // a group's side depends only on its key: a corpus with half the entries agrees on every group it has
        for (CorpusEntry e : entries.subList(0, 200)) {
            assertEquals(a.groups().contains(e.group()), CorpusSplit.isZeroShot(e, 0.2));
        }
        // the hash of a group is not the hash of a path with the same text
        assertFalse(CorpusSplit.groupUnit("dog") == CorpusSplit.unit("dog"));
        assertEquals(CorpusSplit.groupUnit("dog"), CorpusSplit.unit("group:dog"));
        // a larger fraction holds out a superset
        assertTrue(new HashSet<>(CorpusSplit.zeroShot(new Corpus(Path.of("/c"), entries), 0.1, 0.4).groups())
                .containsAll(a.groups()));
        assertEquals(List.of(), CorpusSplit.zeroShot(new Corpus(Path.of("/c"), entries), 0.1, 0.0).groups());
    }

    @Test
    void theZeroShotSummaryCountsTextsTrainingNeverSees() {
        Corpus corpus = new Corpus(Path.of("/c"), entries());
        CorpusSplit.ZeroShot zs = CorpusSplit.zeroShot(corpus, 0.1, 0.3);
        int recordings = 0;
        double seconds = 0;
        for (CorpusEntry e : corpus.entries()) {
            if (zs.groups().contains(e.group())) {
                recordings++;
                seconds += e.durationSeconds();
                assertTrue(zs.texts().containsAll(e.texts()), e.texts().toString());
            }
        }
        assertEquals(recordings, zs.recordings());
        assertEquals(seconds, zs.seconds(), 1e-9);
        assertEquals(2 * recordings, zs.texts().size());

        // A training recording carrying a held-out group's caption takes that text out of the count.
        CorpusEntry held = corpus.entries().stream().filter(e -> zs.groups().contains(e.group())).findFirst().orElseThrow();
        List<CorpusEntry> more = new ArrayList<>(corpus.entries());
        for (int i = 0; ; i++) {
            CorpusEntry twin = new CorpusEntry("other/twin" + i + ".wav", held.caption(), 1, CorpusEntry.Kind.EVENT,
                    "test", "CC0-1.0", List.of(), "twin-group-" + i);
            if (CorpusSplit.isTraining(twin, 0.1, 0.3)) {
                more.add(twin);
                break;
            }
        }
        assertEquals(zs.texts().size() - 1, CorpusSplit.zeroShot(new Corpus(Path.of("/c"), more), 0.1, 0.3).texts().size());
    }

    @Test
    void fractionForIsTheSmallestThatHoldsOutEnoughTexts() {
        Corpus corpus = new Corpus(Path.of("/c"), entries());
        for (int min : new int[] {1, 10, 60, 200}) {
            double f = CorpusSplit.fractionFor(corpus, 0.05, min);
            CorpusSplit.ZeroShot at = CorpusSplit.zeroShot(corpus, 0.05, f);
            assertTrue(at.texts().size() >= min, min + " at " + f + ": " + at.texts().size());
            CorpusSplit.ZeroShot below = CorpusSplit.zeroShot(corpus, 0.05, Math.nextDown(Math.nextDown(f)));
            assertTrue(below.texts().size() < min, min + " below " + f + ": " + below.texts().size());
            assertEquals(at.groups().size() - 1, below.groups().size());
        }
        assertEquals(1.0, CorpusSplit.fractionFor(corpus, 0.05, 100_000));
    }

    private record ZeroShotCheck(List<String> groups, List<String> texts, int recordings, double seconds) {
        ZeroShotCheck(CorpusSplit.ZeroShot z) {
            this(z.groups(), z.texts(), z.recordings(), z.seconds());
        }
    }
}
