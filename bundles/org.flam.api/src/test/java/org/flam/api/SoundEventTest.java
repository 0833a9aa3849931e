package org.flam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SoundEventTest {

    @Test
    void holdsATsvRow() {
        SoundEvent e = new SoundEvent("a.wav", 1.25, 3.5, "dog barking");
        assertEquals(2.25, e.duration(), 0.0);
        assertEquals(Optional.of("a.wav"), e.file());
        assertEquals(Optional.empty(), new SoundEvent(0, 1, "x").file());
        assertEquals("b.wav", e.withFilename("b.wav").filename());
    }

    @Test
    void rejectsBadTimesNamingTheField() {
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> new SoundEvent(-0.1, 1, "x"));
        assertTrue(neg.getMessage().contains("onset"), neg.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new SoundEvent(2, 2, "x"));
        assertTrue(empty.getMessage().contains("offset"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SoundEvent(3, 2, "x"));
        assertThrows(IllegalArgumentException.class, () -> new SoundEvent(0, Double.NaN, "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new SoundEvent(0, Double.POSITIVE_INFINITY, "x"));
    }

    @Test
    void rejectsLabelsAndFilenamesThatBreakTsv() {
        assertThrows(IllegalArgumentException.class, () -> new SoundEvent(0, 1, "dog\tbark"));
        assertThrows(IllegalArgumentException.class, () -> new SoundEvent(0, 1, "dog\nbark"));
        assertThrows(IllegalArgumentException.class, () -> new SoundEvent("", 0, 1, "x"));
        assertThrows(NullPointerException.class, () -> new SoundEvent(0, 1, null));
    }

    @Test
    void overlapOrTouch() {
        SoundEvent a = new SoundEvent(1, 2, "x");
        assertTrue(a.overlapsOrTouches(new SoundEvent(2, 3, "x")));
        assertTrue(a.overlapsOrTouches(new SoundEvent(0, 1, "x")));
        assertTrue(a.overlapsOrTouches(new SoundEvent(1.5, 1.6, "x")));
        assertFalse(a.overlapsOrTouches(new SoundEvent(2.01, 3, "x")));
        assertFalse(a.overlapsOrTouches(new SoundEvent(0, 0.99, "x")));
    }
}
