package org.flam.data.corpus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ParaphrasesAndGroupsTest {

    @Test
    void theSoundOfXBecomesAnXAndXSound() {
        assertEquals(List.of("an explosion", "explosion sound"), Paraphrases.of("the sound of explosion"));
        assertEquals(List.of("an adelaide rosella", "adelaide rosella sound"),
                Paraphrases.of("the sound of an adelaide rosella"));
        // plurals and mass nouns take no article
        assertEquals(List.of("a sound of footsteps", "footsteps sound"), Paraphrases.of("the sound of footsteps"));
        assertEquals(List.of("a sound of rain", "rain sound"), Paraphrases.of("the sound of rain"));
    }

    @Test
    void anAnimalVoiceGetsASynonymAnArticleAndTheVerbFirst() {
        assertEquals(List.of("a cow mooing", "mooing cattle", "the sound of a cow mooing"),
                Paraphrases.of("cattle mooing"));
        assertEquals(List.of("croaking frog", "the sound of a frog croaking"), Paraphrases.of("a frog croaking"));
        assertEquals(List.of("laughing people", "the sound of people laughing"), Paraphrases.of("people laughing"));
    }

    @Test
    void speechInstrumentsAmbienceAndNounPhrases() {
        assertEquals(List.of("someone saying byebye", "a person saying byebye"),
                Paraphrases.of("a voice saying byebye"));
        assertEquals(List.of("someone speaking", "a person talking"), Paraphrases.of("a voice speaking"));
        assertEquals(List.of("a female voice speaking french", "a woman talking in french"),
                Paraphrases.of("a woman speaking french"));
        assertEquals(List.of("piano playing", "the sound of a piano"), Paraphrases.of("a piano playing"));
        assertEquals(List.of("the sound of rain", "rain atmosphere"), Paraphrases.of("rain ambience"));
        assertEquals(List.of("a car horn", "the sound of a car horn", "car horn sound"), Paraphrases.of("car horn"));
        assertEquals(List.of("snare drum hit", "the sound of a snare drum hit", "snare drum hit sound"),
                Paraphrases.of("a snare drum hit"));
    }

    @Test
    void paraphrasesAreShortDistinctAndNeverTheCaption() {
        for (String caption : List.of("the sound of explosion", "cattle mooing", "a frog croaking", "car horn",
                "a voice speaking", "one two three four five six seven eight nine ten eleven twelve thirteen",
                "the sound of one two three four five six seven eight nine ten")) {
            List<String> p = Paraphrases.of(caption);
            assertTrue(p.size() <= Paraphrases.MAX, caption + ": " + p);
            assertFalse(p.contains(caption), caption + ": " + p);
            assertEquals(p.size(), p.stream().distinct().count(), caption + ": " + p);
            for (String s : p) {
                int words = s.split(" ").length;
                assertTrue(words >= 2 && words <= Labeller.MAX_WORDS, s);
            }
        }
        assertEquals(List.of(), Paraphrases.of("explosion"));
    }

    @Test
    void aCaptionItsSynonymsAndParaphrasesShareOneGroup() {
        for (String caption : List.of("cattle mooing", "a cow mooing", "mooing cattle", "the sound of a cow mooing",
                "cow dying")) {
            assertEquals("cow", LabelGroups.of(caption, Paraphrases.of(caption), List.of()), caption);
        }
        assertEquals("explosion", group("the sound of explosion"));
        assertEquals("explosion", group("an explosion"));
        assertEquals("explosion", group("explosion large"));
        assertEquals("dog", group("dog barking"));
        assertEquals("dog", group("a dog barks"));
    }

    @Test
    void twoWordNamesThenSpecificSourcesThenActions() {
        assertEquals("horn", group("car horn"));
        assertEquals("gunshot", group("machine gun firing"));
        assertEquals("laser", group("laser gun shot"));
        assertEquals("snare-drum", group("a snare drum hit"));
        assertEquals("hi-hat", group("an open hi-hat"));
        assertEquals("french-horn", group("a french horn playing"));
        assertEquals("piano", group("an electric piano playing"));
        assertEquals("bell", group("wind chimes"));
        assertEquals("telephone", group("telephone ringing"));
        assertEquals("speech", group("a voice saying byebye"));
        assertEquals("speech", group("a woman speaking german"));
        assertEquals("laughter", group("people laughing"));
        assertEquals("engine", group("car engine"));
        assertEquals("car", group("car crash"));
        assertEquals("metal", group("metal hit"));
        assertEquals("impact", group("the sound of thud"));
        assertEquals("door", group("door slam"));
        assertEquals("rain", group("rain ambience"));
        assertEquals("footsteps", group("footsteps walking"));
    }

    @Test
    void tagsAndThenTheHeadWordAreTheFallback() {
        assertEquals("bird", LabelGroups.of("the sound of an adelaide rosellax", List.of(), List.of("animals", "birds")));
        assertEquals("fieldexpire", LabelGroups.of("the sound of fieldexpires", List.of(), List.of("weird")));
        assertEquals("summoner", LabelGroups.of("summoner attacking", List.of(), List.of()));
        assertEquals("the-sound-of", LabelGroups.of("the sound of", List.of(), List.of()));
        for (String key : LabelGroups.concepts()) {
            assertTrue(key.matches("[a-z]+(-[a-z]+)*"), key);
        }
    }

    @Test
    void wordFormsMatchTheirTrigger() {
        assertTrue(LabelGroups.forms("barking").contains("bark"));
        assertTrue(LabelGroups.forms("barks").contains("bark"));
        assertTrue(LabelGroups.forms("running").contains("run"));
        assertTrue(LabelGroups.forms("exploded").contains("explode"));
    }

    private static String group(String caption) {
        return LabelGroups.of(caption, Paraphrases.of(caption), List.of());
    }
}
