package org.flam.augment.mixture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;
import org.flam.api.FrameGrid;
import org.flam.data.corpus.CorpusSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ZEROSHOT split against TRAIN and HELDOUT: what each draws, and that they never meet. */
class ZeroShotSplitTest {

    private static final FrameGrid GRID = FrameGrid.ofClip(32, 10.0);
    private static final double H = 0.3;
    private static final double Z = 0.3;

    @TempDir
    Path dir;

    /** 80 events in 16 label groups, 30 backgrounds each in its own group. */
    private static TestCorpus source() {
        return TestCorpus.standard(80, 30).regroup(e -> e.kind() == CorpusEntry.Kind.EVENT
                ? "g" + Integer.parseInt(e.path().replaceAll("\\D", "")) % 16
                : "b" + e.path().replaceAll("\\D", ""));
    }

    private static Synthesis synthesis(TestCorpus source, double z) {
        return new Synthesis(MixtureParameters.of(MixtureParameters.configuration(Map.of("heldoutFraction", H,
                "zeroShotGroupFraction", z, "maxEvents", 5, "sampleRate", 16_000))), source);
    }

    @Test
    void zeroShotDrawsOnlyHeldOutGroupsAndTrainNeverMeetsEitherTestSplit() throws IOException {
        TestCorpus source = source();
        Corpus corpus = source.corpus();
        Synthesis s = synthesis(source, Z);
        Map<Split, Set<String>> eventPaths = new EnumMap<>(Split.class);
        Map<Split, Set<String>> bedPaths = new EnumMap<>(Split.class);
        Map<Split, Set<String>> eventGroups = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            eventPaths.put(split, new HashSet<>());
            bedPaths.put(split, new HashSet<>());
            eventGroups.put(split, new HashSet<>());
            for (long i = 0; i < 40; i++) {
                Synthesis.Rendered r = s.render(corpus, 3, i, GRID, split);
                assertFalse(r.mixture().background().generated(), split + " has beds");
                CorpusEntry bed = r.mixture().background().entry();
                bedPaths.get(split).add(bed.path());
                assertTrue(split.draws(bed, H, Z));
                for (PlacedEvent e : r.events()) {
                    CorpusEntry entry = e.entry();
                    eventPaths.get(split).add(entry.path());
                    eventGroups.get(split).add(entry.group());
                    boolean pathHeld = CorpusSplit.isHeldout(entry.path(), H);
                    boolean groupHeld = CorpusSplit.isZeroShot(entry, Z);
                    switch (split) {
                        case TRAIN -> assertTrue(CorpusSplit.isTraining(entry, H, Z), entry.path());
                        case HELDOUT -> assertTrue(pathHeld && !groupHeld, entry.path());
                        case ZEROSHOT -> assertTrue(groupHeld, entry.path());
                    }
                }
                if (split != Split.TRAIN) {
                    assertTrue(CorpusSplit.isHeldout(bed.path(), H) && !CorpusSplit.isZeroShot(bed, Z), bed.path());
                }
            }
        }
        for (Split split : Split.values()) {
            assertFalse(eventPaths.get(split).isEmpty(), split + " drew no event");
        }
        assertDisjoint(eventGroups.get(Split.TRAIN), eventGroups.get(Split.ZEROSHOT));
        assertDisjoint(eventGroups.get(Split.HELDOUT), eventGroups.get(Split.ZEROSHOT));
        assertDisjoint(eventPaths.get(Split.HELDOUT), eventPaths.get(Split.ZEROSHOT));
        Set<String> train = new HashSet<>(eventPaths.get(Split.TRAIN));
        train.addAll(bedPaths.get(Split.TRAIN));
        for (Split test : List.of(Split.HELDOUT, Split.ZEROSHOT)) {
            assertDisjoint(train, eventPaths.get(test));
            assertDisjoint(train, bedPaths.get(test));
        }
        // No recording of a held-out group is in TRAIN, whatever its kind.
        for (CorpusEntry e : corpus.entries()) {
            if (CorpusSplit.isZeroShot(e, Z)) {
                assertFalse(Split.TRAIN.draws(e, H, Z), e.path());
                assertFalse(Split.HELDOUT.draws(e, H, Z), e.path());
            }
        }
    }

    @Test
    void withoutZeroShotGroupsTheSplitsAreThePathRule() {
        for (CorpusEntry e : source().corpus().entries()) {
            Split byPath = Split.of(e.path(), H);
            assertEquals(byPath == Split.TRAIN, Split.TRAIN.draws(e, H, 0));
            assertEquals(byPath == Split.HELDOUT, Split.HELDOUT.draws(e, H, 0));
            assertFalse(e.kind() == CorpusEntry.Kind.EVENT && Split.ZEROSHOT.draws(e, H, 0));
        }
    }

    @Test
    void theManifestRecordsTheGroupFractionAndTheSplit() throws IOException {
        TestCorpus source = source();
        new MixtureWriter(synthesis(source, Z), 1).write(source.corpus(), "0".repeat(64), GRID, dir, 5, 2,
                Split.ZEROSHOT, n -> { });
        String manifest = Files.readString(dir.resolve("manifest.json"), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"split\": \"zeroshot\""), manifest);
        assertTrue(manifest.contains("\"heldoutFraction\": 0.3,"), manifest);
        assertTrue(manifest.contains("\"zeroShotGroupFraction\": 0.3,"), manifest);
        assertTrue(Files.isRegularFile(dir.resolve("audio/zeroshot_s5_000001.wav")));
        assertEquals(Split.ZEROSHOT, SynthCommand.Options.parse(
                List.of("--corpus", "c", "--out", "o", "--count", "1", "--split", "zeroshot")).split());
        assertEquals(CorpusSplit.ZERO_SHOT_GROUP_FRACTION, MixtureParameters.defaults().zeroShotGroupFraction());
    }

    private static void assertDisjoint(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        assertEquals(Set.of(), both);
    }
}
