package org.flam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.flam.api.CorpusEntry.Kind;
import org.junit.jupiter.api.Test;

class CorpusEntryTest {

    private static CorpusEntry cattle(List<String> paraphrases, String group) {
        return new CorpusEntry("0ad/cattle_03.ogg", new Caption("cattle mooing", List.of("cattle")), 2.5, Kind.EVENT,
                "0ad-data", "CC-BY-SA-3.0", paraphrases, group);
    }

    @Test
    void paraphrasesAreNormalisedDistinctAndNeverTheCaption() {
        CorpusEntry e = cattle(List.of(" A  Cow\tMooing ", "a cow mooing", "Cattle Mooing", "mooing cattle"), "cow");
        assertEquals(List.of("a cow mooing", "mooing cattle"), e.paraphrases());
        assertEquals(List.of("cattle mooing", "a cow mooing", "mooing cattle"), e.texts());
        assertEquals("cow", e.group());
        List<String> mutable = new ArrayList<>(List.of("a cow mooing"));
        CorpusEntry copy = cattle(mutable, "cow");
        mutable.add("x y");
        assertEquals(1, copy.paraphrases().size());
        assertThrows(UnsupportedOperationException.class, () -> copy.paraphrases().add("z"));
    }

    @Test
    void theOldConstructorHasNoParaphrasesAndTheCaptionAsGroup() {
        CorpusEntry old = new CorpusEntry("a.wav", new Caption("Dog Barking"), 1, Kind.EVENT, "s", "MIT");
        assertEquals(List.of(), old.paraphrases());
        assertEquals("dog barking", old.group());
        assertEquals(List.of("dog barking"), old.texts());
        CorpusEntry grouped = old.withParaphrases(List.of("a dog barking"), "dog");
        assertEquals(List.of("a dog barking"), grouped.paraphrases());
        assertEquals("dog", grouped.group());
        assertEquals(old.path(), grouped.path());
        assertNotEquals(old, grouped);
        assertThrows(NullPointerException.class, () -> new CorpusEntry("a.wav", null, 1, Kind.EVENT, "s", "MIT"));
    }

    @Test
    void rejectsBlankParaphrasesAndBadGroups() {
        for (String bad : List.of("", " ", "a\tb", "a\nb")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cattle(List.of(), bad), bad);
            assertTrue(e.getMessage().contains("group"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cattle(List.of("a cow", " "), "cow"));
        assertTrue(e.getMessage().contains("paraphrases[1]"), e.getMessage());
        assertThrows(NullPointerException.class, () -> cattle(null, "cow"));
        assertThrows(NullPointerException.class, () -> cattle(List.of(), null));
    }
}
