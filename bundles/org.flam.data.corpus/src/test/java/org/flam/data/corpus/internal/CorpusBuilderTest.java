package org.flam.data.corpus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;
import org.flam.data.corpus.CorpusIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder on folder trees of tiny WAV files the tests write. */
class CorpusBuilderTest {

    @TempDir
    Path tmp;
    Path staging;
    Path docs;
    final List<String> progress = new ArrayList<>();

    @BeforeEach
    void tree() throws IOException {
        staging = tmp.resolve("staging");
        docs = tmp.resolve("doc");
        Path game = staging.resolve("somegame-data");
        TestWav.write(game.resolve("audio/fauna/animal/cattle_03.wav"), 0.5, 440);
        TestWav.write(game.resolve("audio/fauna/animal/cattle_04.wav"), 0.5, 440); // same bytes as _03
        TestWav.write(game.resolve("audio/weapons/sfx_car-horn_01.wav"), 0.25, 660);
        TestWav.write(game.resolve("audio/ambient/forest_birds.wav"), 10.5, 220);
        TestWav.write(game.resolve("audio/long/engine_idle.wav"), 11, 330);
        TestWav.write(game.resolve("voices/en/cow.wav"), 0.5, 550);
        TestWav.write(game.resolve("audio/click.wav"), 0.01, 880);
        Files.writeString(game.resolve("audio/broken.wav"), "RIFF not really");
        Files.writeString(game.resolve("audio/readme.txt"), "not a recording");
        Files.createDirectories(docs.resolve("somegame-data"));
        Files.writeString(docs.resolve("somegame-data/copyright"), "Files: *\nLicense: CC0-1.0\n");
    }

    private CorpusBuilder builder() {
        return new CorpusBuilder(docs, 0.05, progress::add);
    }

    @Test
    void labelsMeasuresDeduplicatesAndClassifies() throws IOException {
        CorpusBuilder.Result r = builder().build(staging,
                List.of(new CorpusBuilder.Source("somegame-data", staging.resolve("somegame-data"))));
        Corpus c = r.corpus();
        assertEquals(staging.toAbsolutePath().normalize(), c.root());
        List<String> paths = c.entries().stream().map(CorpusEntry::path).toList();
        assertEquals(List.of("somegame-data/audio/ambient/forest_birds.wav",
                "somegame-data/audio/fauna/animal/cattle_03.wav",
                "somegame-data/audio/weapons/sfx_car-horn_01.wav"), paths);

        CorpusEntry cattle = c.entries().get(1);
        assertEquals("cattle mooing", cattle.caption().text());
        assertEquals(List.of("fauna", "animal", "cattle"), cattle.caption().tags());
        assertEquals(0.5, cattle.durationSeconds(), 1e-9);
        assertEquals(CorpusEntry.Kind.EVENT, cattle.kind());
        assertEquals("somegame-data", cattle.source());
        assertEquals("CC0-1.0", cattle.licence());

        assertEquals("car horn", c.entries().get(2).caption().text());
        CorpusEntry forest = c.entries().get(0);
        assertEquals("forest birds", forest.caption().text());
        assertEquals(CorpusEntry.Kind.BACKGROUND, forest.kind());
        assertEquals(10.5, forest.durationSeconds(), 1e-9);

        CorpusBuilder.Stats s = r.total();
        assertEquals(3, s.clips());
        assertEquals(2, s.events());
        assertEquals(1, s.backgrounds());
        assertEquals(11.25, s.seconds(), 1e-9);
        assertEquals(3, s.labels());
        assertEquals(1, s.excluded().get("duplicate (same bytes as an earlier recording)"));
        assertEquals(1, s.excluded().get("speech (the source's speech is not labelled)"));
        assertEquals(1, s.excluded().get("10 s or longer but not ambiance"));
        assertEquals(1, s.excluded().get("shorter than 0.05 s"));
        // The reason for the damaged file is audio.io's to give; that it is counted is ours.
        assertEquals(1, s.excluded().entrySet().stream().filter(e -> e.getKey().startsWith("unreadable: "))
                .mapToInt(e -> e.getValue()).sum(), s.excluded().toString());
        assertEquals(5, s.excluded().size(), s.excluded().toString());
        assertTrue(progress.get(0).startsWith("somegame-data: 8 recordings in "), progress.get(0));
    }

    @Test
    void theResultRoundTripsThroughTheIndex() throws IOException {
        Corpus c = builder().build(staging,
                List.of(new CorpusBuilder.Source("somegame-data", staging.resolve("somegame-data")))).corpus();
        Path tsv = tmp.resolve("out/corpus.tsv");
        Files.createDirectories(tsv.getParent());
        CorpusIndex.write(c, tsv);
        assertEquals(c, CorpusIndex.read(tsv));
    }

    @Test
    void aSourceWithoutLicenceOrOutsideTheRootOrReservedIsRefused() throws IOException {
        Path other = staging.resolve("other-data");
        TestWav.write(other.resolve("bell.wav"), 0.5, 440);
        IOException noLicence = assertThrows(IOException.class,
                () -> builder().build(staging, List.of(new CorpusBuilder.Source("other-data", other))));
        assertTrue(noLicence.getMessage().contains("no licence for source other-data"), noLicence.getMessage());

        assertThrows(IllegalArgumentException.class, () -> builder().build(staging.resolve("somegame-data"),
                List.of(new CorpusBuilder.Source("other-data", other))));
        assertThrows(IllegalArgumentException.class, () -> builder().build(staging,
                List.of(new CorpusBuilder.Source("sonic-pi-samples", other))));
    }

    @Test
    void commandWritesTheIndexAndSummary() throws Exception {
        Path tsv = tmp.resolve("corpus/corpus.tsv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CorpusCommand(docs, 0.05).run(List.of("--out", tsv.toString(), "--from", staging.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        Corpus c = CorpusIndex.read(tsv);
        assertEquals(3, c.entries().size());
        assertEquals(staging.toAbsolutePath().normalize(), c.root());
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("somegame-data"), summary);
        // hours, clips, events, backgrounds, captions, captions with paraphrases, groups
        assertTrue(summary.matches("(?s).*total\\s+0\\.003\\s+3\\s+2\\s+1\\s+3\\s+\\d+\\s+3\\s.*"), summary);
        assertTrue(summary.contains("zero-shot split at group fraction"), summary);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("somegame-data: 3 kept"));
    }

    @Test
    void commandExplainsBadArguments() {
        CorpusCommand cmd = new CorpusCommand(docs, 0.05);
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cmd.run(List.of("--from", "x"), sink, sink))
                .getMessage().contains("--out"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> cmd.run(List.of("--out", "x.tsv", "--source", "nodir"), sink, sink)).getMessage().contains("NAME=DIR"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cmd.run(List.of("--out", "x.tsv"), sink, sink))
                .getMessage().contains("no sources"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cmd.run(List.of("--bogus"), sink, sink))
                .getMessage().contains("--bogus"));
    }
}
