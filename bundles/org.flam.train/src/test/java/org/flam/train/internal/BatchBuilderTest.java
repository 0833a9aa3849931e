package org.flam.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flam.api.Corpus;
import org.flam.data.corpus.CorpusIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches from a corpus: fresh mixtures per step, texts shown under their wordings and tags,
 * labels by what a text describes, vocabulary and hard negatives.
 */
class BatchBuilderTest {

    @TempDir
    Path dir;

    private Path corpus;
    private TrainingData data;

    @BeforeEach
    void corpus() throws IOException {
        corpus = TinyModel.corpus(dir.resolve("corpus"));
        data = TrainingData.open(corpus, null, TinyModel.SPEC, 1 << 20, 0, 0);
    }

    private BatchBuilder builder(int batch, int slotsPerClip, double hard) {
        BatchBuilder b = new BatchBuilder(data, TinyModel.textEncoder(), TinyModel.synthesizer(), List.of(), batch,
                slotsPerClip, 0.25, 0.3, true, hard);
        b.warmTextCache(n -> { });
        return b;
    }

    @Test
    void theVocabularyRelatesWordingsTagsAndGroups() {
        Vocabulary v = data.vocabulary();
        assertEquals(List.of("dog barking", "a dog barks", "barking dog"), v.wordings("dog barking"));
        assertEquals(List.of("animal", "dog"), v.tags("dog barking"));
        assertTrue(v.describes("a dog barks", "dog barking"), "a paraphrase");
        assertTrue(v.describes("animal", "dog barking"), "a tag");
        assertTrue(v.describes("a puppy yaps", "dog barking"), "another wording of the same group");
        assertTrue(v.describes("church bell ringing", "bicycle bell"), "a synonym: both group bell");
        assertFalse(v.describes("glass shatters", "dog barking"));
        assertFalse(v.describes("animal", "glass breaking"), "a tag of other recordings only");
        assertEquals(Set.of("dog"), v.groups("barking dog"));
        assertEquals(Set.of("unknown text"), v.groups("unknown text"), "an unknown text is its own group");
        assertFalse(v.negatives().contains("animal"), "tags are no negatives");
        assertTrue(v.negatives().contains("rain ambience"), "background captions are");
        assertEquals(9, v.groupCount()); // dog glass horn bell door footsteps thunder rain wind
    }

    @Test
    void freshMixturesAreNewEveryStepAndAPureFunctionOfSeedAndStep() throws IOException {
        assertTrue(data.freshMixtures());
        BatchBuilder a = builder(4, 5, 0.5);
        BatchBuilder b = builder(4, 5, 0.5);
        Batch s1 = a.build(9, 1);
        Batch again = b.build(9, 1);
        assertEquals(s1.logMel(), again.logMel());
        assertEquals(s1.frameLabels(), again.frameLabels());
        assertEquals(s1.texts(), again.texts());
        assertEquals(s1.ownership(), again.ownership());
        Batch s2 = a.build(9, 2);
        assertNotEquals(s1.logMel(), s2.logMel());
        assertNotEquals(s1.logMel(), a.build(10, 1).logMel(), "another seed, other mixtures");
        // one pair (round(0.25 x 4)), three fresh mixtures with frame labels
        assertEquals(1, s1.pairs());
        assertArrayEquals(new float[] {0, 1, 1, 1}, s1.labelledMask().toFloatVector());
    }

    /** The labelling rule of the class comment, checked on every (clip, text) of several batches. */
    @Test
    void aTextBelongsToExactlyTheClipsItDescribesAndFillersToNone() throws IOException {
        BatchBuilder b = builder(6, 3, 0.5);
        Vocabulary v = data.vocabulary();
        int frames = TinyModel.SPEC.framesPerClip();
        int fillers = 0;
        for (long step = 1; step <= 8; step++) {
            Batch batch = b.build(3, step);
            int k = b.textSlots();
            float[] own = batch.ownership().data().asFloat();
            float[] z = batch.frameLabels().data().asFloat();
            Set<String> batchGroups = new HashSet<>();
            Set<String> batchTexts = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                List<String> described = new java.util.ArrayList<>(batch.clipCaptions().get(i));
                if (!batch.backgrounds().get(i).isEmpty()) {
                    described.add(batch.backgrounds().get(i));
                }
                for (String c : described) {
                    batchGroups.addAll(v.groups(c));
                    batchTexts.addAll(v.positives(c));
                }
            }
            for (int t = 0; t < batch.texts().size(); t++) {
                String text = batch.texts().get(t);
                boolean ownedByAny = false;
                for (int i = 0; i < 6; i++) {
                    boolean describes = false;
                    for (String c : batch.clipCaptions().get(i)) {
                        describes |= v.describes(text, c);
                    }
                    String background = batch.backgrounds().get(i);
                    boolean describesBackground = !background.isEmpty() && v.describes(text, background);
                    boolean owned = own[i * k + t] == 1;
                    double positives = 0;
                    for (int f = 0; f < frames; f++) {
                        positives += z[(i * frames + f) * k + t];
                    }
                    assertEquals(describes || describesBackground, owned,
                            "clip " + i + " text '" + text + "' at step " + step);
                    if (!owned) {
                        assertEquals(0.0, positives, "a text of no clip is negative at every frame");
                    } else if (describesBackground && batch.labelledMask().getFloat(i) == 1) {
                        assertEquals(frames, positives, 0.0, "a background sounds at every frame");
                    }
                    ownedByAny |= owned;
                }
                if (!ownedByAny) {
                    fillers++;
                    assertFalse(batchTexts.contains(text), text);
                    for (String g : v.groups(text)) {
                        assertFalse(batchGroups.contains(g), "filler '" + text + "' shares group " + g);
                    }
                }
            }
            float[] mask = batch.textMask().toFloatVector();
            for (int t = 0; t < k; t++) {
                assertEquals(t < batch.texts().size() ? 1f : 0f, mask[t]);
            }
        }
        assertTrue(fillers > 8, "vocabulary negatives were drawn: " + fillers);
    }

    @Test
    void withoutVocabularyNegativesFreeSlotsStayPadding() throws IOException {
        BatchBuilder b = new BatchBuilder(data, TinyModel.textEncoder(), TinyModel.synthesizer(), List.of(), 4, 5,
                0.25, 0.0, false, 0.0);
        Batch batch = b.build(3, 1);
        Set<String> shown = new HashSet<>();
        Vocabulary v = data.vocabulary();
        for (List<String> captions : batch.clipCaptions()) {
            for (String c : captions) {
                shown.addAll(v.wordings(c));
            }
        }
        assertTrue(shown.containsAll(batch.texts()), "only wordings of the batch's captions: " + batch.texts());
    }

    @Test
    void hardNegativesAreTheNearestTextsOfOtherGroups() {
        Vocabulary v = data.vocabulary();
        Map<String, float[]> f = new HashMap<>();
        for (String t : v.all()) {
            f.put(t, new float[] {0, 0, 1});
        }
        f.put("dog barking", new float[] {1, 0, 0});
        f.put("a puppy yaps", new float[] {1, 0.01f, 0}); // nearest, but the same group
        f.put("car horn", new float[] {1, 0.2f, 0});
        f.put("door slam", new float[] {1, 0.5f, 0});
        f.put("glass shatters", new float[] {0, 1, 0});
        Map<String, String[]> near = HardNegatives.nearest(List.of("dog barking"), v.negatives(), f, v, 3);
        String[] n = near.get("dog barking");
        assertEquals(3, n.length);
        assertEquals("car horn", n[0]);
        assertEquals("door slam", n[1]);
        for (String x : n) {
            assertFalse(v.groups(x).contains("dog"), x);
        }
    }

    @Test
    void aCorpusNeedsASynthesizerOfTheEncodersRateAndTheSameCorpus() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new BatchBuilder(data, TinyModel.textEncoder(), null,
                List.of(), 4, 5, 0.25, 0.3, true, 0.5));
        Path other = dir.resolve("other.tsv");
        CorpusIndex.write(new Corpus(corpus.getParent(), CorpusIndex.read(corpus).entries()), other);
        assertThrows(IllegalArgumentException.class,
                () -> TrainingData.open(corpus, other, TinyModel.SPEC, 1 << 20, 0, 0));
        IOException none = assertThrows(IOException.class,
                () -> TrainingData.open(dir.resolve("nothing"), null, TinyModel.SPEC, 1 << 20, 0, 0));
        assertTrue(none.getMessage().contains("neither a mixtures directory"), none.getMessage());
    }
}
