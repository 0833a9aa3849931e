package org.flam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CaptionTest {

    @Test
    void normalisesCaseAndWhiteSpace() {
        Caption c = new Caption("  A Dog\tBARKS\n twice ", List.of(" Dog ", "BARK"));
        assertEquals("a dog barks twice", c.text());
        assertEquals(List.of("dog", "bark"), c.tags());
        assertEquals(4, c.wordCount());
    }

    @Test
    void equalAfterNormalisation() {
        assertEquals(Caption.of("Glass shatters"), new Caption("glass  SHATTERS", List.of()));
    }

    @Test
    void dropsTagsThatRepeatAfterNormalisationKeepingOrder() {
        assertEquals(List.of("rain", "thunder"),
                new Caption("storm", List.of("Rain", "thunder", "RAIN ")).tags());
    }

    @Test
    void copiesTags() {
        List<String> tags = new ArrayList<>(List.of("a"));
        Caption c = new Caption("x", tags);
        tags.add("b");
        assertEquals(List.of("a"), c.tags());
        assertThrows(UnsupportedOperationException.class, () -> c.tags().add("c"));
    }

    @Test
    void rejectsBlankTextOrTag() {
        assertThrows(IllegalArgumentException.class, () -> Caption.of(" \t "));
        assertThrows(IllegalArgumentException.class, () -> new Caption("x", List.of("")));
        assertThrows(NullPointerException.class, () -> Caption.of(null));
    }
}
