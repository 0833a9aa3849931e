package org.flam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.flam.api.CorpusEntry.Kind;
import org.junit.jupiter.api.Test;

class CorpusTest {

    static CorpusEntry entry(String path, Kind kind, double seconds) {
        return new CorpusEntry(path, Caption.of(path.replace('/', ' ')), seconds, kind,
                "test-corpus", "CC0-1.0");
    }

    @Test
    void splitsEventsAndBackgroundsKeepingOrder() {
        CorpusEntry bark = entry("ev/bark.wav", Kind.EVENT, 1.5);
        CorpusEntry rain = entry("bg/rain.wav", Kind.BACKGROUND, 30);
        CorpusEntry glass = entry("ev/glass.wav", Kind.EVENT, 0.7);
        Corpus c = new Corpus(Path.of("/data"), List.of(bark, rain, glass));
        assertEquals(List.of(bark, glass), c.events());
        assertEquals(List.of(rain), c.backgrounds());
        assertEquals(Path.of("/data", "ev", "bark.wav"), c.resolve(bark));
    }

    @Test
    void copiesEntries() {
        List<CorpusEntry> entries = new ArrayList<>(List.of(entry("a.wav", Kind.EVENT, 1)));
        Corpus c = new Corpus(Path.of("."), entries);
        entries.add(entry("b.wav", Kind.EVENT, 1));
        assertEquals(1, c.entries().size());
    }

    @Test
    void rejectsRepeatedPaths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Corpus(Path.of("."), List.of(entry("a.wav", Kind.EVENT, 1),
                        entry("a.wav", Kind.BACKGROUND, 20))));
        assertTrue(e.getMessage().contains("entries[1]"), e.getMessage());
    }

    @Test
    void rejectsPathsThatLeaveTheRoot() {
        for (String bad : List.of("/abs.wav", "../up.wav", "a/../../b.wav", "a//b.wav", "./a.wav",
                "a\\b.wav", "C:/x.wav", "dir/")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> entry(bad, Kind.EVENT, 1), bad);
            assertTrue(e.getMessage().contains("path"), e.getMessage());
        }
        assertEquals("a/b c/d.wav", entry("a/b c/d.wav", Kind.EVENT, 1).path());
    }

    @Test
    void rejectsBadDurationSourceAndLicence() {
        assertThrows(IllegalArgumentException.class, () -> entry("a.wav", Kind.EVENT, 0));
        assertThrows(IllegalArgumentException.class, () -> entry("a.wav", Kind.EVENT, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new CorpusEntry("a.wav",
                Caption.of("a"), 1, Kind.EVENT, "", "CC0-1.0"));
        assertThrows(IllegalArgumentException.class, () -> new CorpusEntry("a.wav",
                Caption.of("a"), 1, Kind.EVENT, "src", "CC0\t1.0"));
        assertThrows(NullPointerException.class, () -> new CorpusEntry("a.wav",
                Caption.of("a"), 1, null, "src", "CC0-1.0"));
    }
}
