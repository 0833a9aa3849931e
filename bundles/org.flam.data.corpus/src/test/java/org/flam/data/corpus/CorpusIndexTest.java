package org.flam.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.flam.api.Caption;
import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusIndexTest {

    private static final String HEADER = "path\tcaption\ttags\tduration\tkind\tsource\tlicence\tparaphrases\tgroup\n";
    private static final String HEADER_7 = "path\tcaption\ttags\tduration\tkind\tsource\tlicence\n";

    @TempDir
    Path dir;

    private static Corpus sample(Path root) {
        return new Corpus(root, List.of(
                new CorpusEntry("pkg/fauna/cattle_03.ogg", new Caption("cattle mooing", List.of("fauna", "cattle")),
                        2.5, CorpusEntry.Kind.EVENT, "0ad-data", "CC-BY-SA-3.0", List.of("a cow mooing", "mooing cattle"),
                        "cow"),
                new CorpusEntry("pkg/amb/rain.ogg", new Caption("the sound of rain"), 31.25,
                        CorpusEntry.Kind.BACKGROUND, "0ad-data", "GPL-2+ or CC-BY-SA-3.0")));
    }

    @Test
    void roundTripInTheFilesFolderHasNoRootLine() throws IOException {
        Path tsv = dir.resolve("corpus.tsv");
        Corpus corpus = sample(dir);
        CorpusIndex.write(corpus, tsv);
        assertEquals(HEADER
                + "pkg/fauna/cattle_03.ogg\tcattle mooing\tfauna,cattle\t2.5\tevent\t0ad-data\tCC-BY-SA-3.0"
                + "\ta cow mooing|mooing cattle\tcow\n"
                + "pkg/amb/rain.ogg\tthe sound of rain\t\t31.25\tbackground\t0ad-data\tGPL-2+ or CC-BY-SA-3.0"
                + "\t\tthe sound of rain\n",
                Files.readString(tsv));
        assertEquals(corpus, CorpusIndex.read(tsv));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(tsv), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void roundTripElsewhereWritesTheRoot() throws IOException {
        Path root = dir.resolve("sources").toAbsolutePath();
        Path tsv = dir.resolve("index.tsv");
        CorpusIndex.write(sample(root), tsv);
        assertTrue(Files.readString(tsv).startsWith("# root=" + root + "\n" + HEADER));
        Corpus back = CorpusIndex.read(tsv);
        assertEquals(root, back.root());
        assertEquals(sample(root).entries(), back.entries());
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path tsv = Files.writeString(dir.resolve("corpus.tsv"), "old");
        CorpusIndex.write(sample(dir), tsv);
        assertEquals(2, CorpusIndex.read(tsv).entries().size());
    }

    @Test
    void tagsWithCommasCannotBeWritten() {
        Corpus bad = new Corpus(dir, List.of(new CorpusEntry("a.wav", new Caption("a b", List.of("x,y")), 1,
                CorpusEntry.Kind.EVENT, "s", "MIT")));
        assertThrows(IllegalArgumentException.class, () -> CorpusIndex.write(bad, dir.resolve("c.tsv")));
    }

    @Test
    void sevenColumnFilesStillReadWithoutParaphrasesAndWithTheCaptionAsGroup() throws IOException {
        Path tsv = Files.writeString(dir.resolve("old.tsv"), HEADER_7
                + "pkg/fauna/cattle_03.ogg\tcattle mooing\tfauna,cattle\t2.5\tevent\t0ad-data\tCC-BY-SA-3.0\n");
        CorpusEntry e = CorpusIndex.read(tsv).entries().get(0);
        assertEquals(List.of(), e.paraphrases());
        assertEquals("cattle mooing", e.group());
        assertEquals(new CorpusEntry("pkg/fauna/cattle_03.ogg", new Caption("cattle mooing", List.of("fauna", "cattle")),
                2.5, CorpusEntry.Kind.EVENT, "0ad-data", "CC-BY-SA-3.0"), e);
        // Written again, it gains the two columns, and reads back the same.
        Path again = dir.resolve("again.tsv");
        CorpusIndex.write(CorpusIndex.read(tsv), again);
        assertTrue(Files.readString(again).startsWith(HEADER), Files.readString(again));
        assertEquals(CorpusIndex.read(tsv).entries(), CorpusIndex.read(again).entries());
    }

    @Test
    void paraphrasesAreNormalisedAndTheirSeparatorCannotBeWritten() throws IOException {
        Path tsv = Files.writeString(dir.resolve("p.tsv"), HEADER
                + "a.wav\tdog barking\t\t1\tevent\ts\tMIT\tA  Dog Barking|dog barking|barking dog|a dog barking\tdog\n");
        CorpusEntry e = CorpusIndex.read(tsv).entries().get(0);
        assertEquals(List.of("a dog barking", "barking dog"), e.paraphrases());
        assertEquals(List.of("dog barking", "a dog barking", "barking dog"), e.texts());
        Corpus bad = new Corpus(dir, List.of(new CorpusEntry("a.wav", new Caption("a b"), 1, CorpusEntry.Kind.EVENT, "s",
                "MIT", List.of("x|y"), "g")));
        assertThrows(IllegalArgumentException.class, () -> CorpusIndex.write(bad, dir.resolve("c.tsv")));
    }

    @Test
    void badLinesNameFileAndLine() throws IOException {
        String good = "a.wav\tdog barking\tdog\t1.5\tevent\ts\tMIT\ta dog barking\tdog\n";
        assertBad(HEADER + good + "b.wav\tcat\t\t1\tevent\ts\tMIT\n", ":3: expected 9 tab-separated columns");
        assertBad(HEADER + "b.wav\tcat\t\t1\tevent\ts\tMIT\t\t \n", ":2: group must not be blank");
        assertBad(HEADER + "b.wav\tcat\t\t1\tevent\ts\tMIT\ta||b\tcat\n", ":2: paraphrases[1] must not be blank");
        assertBad(HEADER_7 + "b.wav\tcat\t\t1\tevent\ts\tMIT\tx\ty\n", ":2: expected 7 tab-separated columns");
        assertBad("# root=relative/path\n" + HEADER, ":1: root must be an absolute path");
        assertBad("path caption\n", ":1: expected the header");
        assertBad(HEADER_7 + "b.wav\tcat\t\tlong\tevent\ts\tMIT\n", ":2: duration must be a number of seconds, got \"long\"");
        assertBad(HEADER_7 + "b.wav\tcat\t\t-1\tevent\ts\tMIT\n", ":2: durationSeconds must be finite and > 0");
        assertBad(HEADER_7 + "b.wav\tcat\t\t1\tfg\ts\tMIT\n", ":2: kind must be event or background, got \"fg\"");
        assertBad(HEADER_7 + "../b.wav\tcat\t\t1\tevent\ts\tMIT\n", ":2: path must not have an empty, . or .. segment");
        assertBad(HEADER_7 + "b.wav\t \t\t1\tevent\ts\tMIT\n", ":2: text must not be blank");
        assertBad(HEADER_7 + "b.wav\tcat\ta,,b\t1\tevent\ts\tMIT\n", ":2: tags[1] must not be blank");
        assertBad(HEADER + good + "\n" + good, ":4: path \"a.wav\" repeats line 2");
        assertBad("# only a comment\n", "no header line");
    }

    @Test
    void commentsAndBlankLinesBeforeTheHeaderAreSkipped() throws IOException {
        Path tsv = Files.writeString(dir.resolve("c.tsv"), "# made by hand\n\n" + HEADER_7
                + "a.wav\tDog  Barking\t\t1\tevent\ts\tMIT\n\n");
        Corpus c = CorpusIndex.read(tsv);
        assertEquals(dir.toAbsolutePath().normalize(), c.root());
        assertEquals("dog barking", c.entries().get(0).caption().text());
        assertTrue(c.entries().get(0).caption().tags().isEmpty());
    }

    @Test
    void sha256IsOfTheFilesBytes() throws IOException {
        Path f = Files.write(dir.resolve("abc.tsv"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CorpusIndex.sha256(f));
    }

    private void assertBad(String content, String expected) throws IOException {
        Path tsv = Files.writeString(dir.resolve("bad.tsv"), content);
        IOException e = assertThrows(IOException.class, () -> CorpusIndex.read(tsv));
        assertTrue(e.getMessage().startsWith(tsv.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
