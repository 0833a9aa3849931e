package org.flam.augment.mixture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flam.api.Caption;
import org.flam.api.Corpus;
import org.flam.api.CorpusEntry;
import org.flam.audio.io.WavWriter;
import org.flam.data.corpus.CorpusIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {

    private static final int RATE = 16_000;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void writesMixturesFromACorpusFileAndResumes() throws Exception {
        Path tsv = corpus();
        Path outDir = dir.resolve("mixtures");
        SynthCommand cmd = command();
        List<String> args = List.of("--corpus", tsv.toString(), "--out", outDir.toString(), "--count", "3",
                "--seed", "7", "--frames", "32");
        assertEquals(0, cmd.run(args, out, errStream));

        try (var wavs = Files.list(outDir.resolve("audio"))) {
            assertEquals(3, wavs.count());
        }
        String manifest = Files.readString(outDir.resolve("manifest.json"));
        assertTrue(manifest.contains(CorpusIndex.sha256(tsv)), "the manifest names the corpus by its hash");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("3/3 mixtures"), err.toString(StandardCharsets.UTF_8));

        // A second run keeps the complete mixtures instead of writing them again.
        Path first = outDir.resolve("audio").resolve("train_s7_000000.wav");
        Files.setLastModifiedTime(first, FileTime.fromMillis(1_000_000L));
        assertEquals(0, cmd.run(args, out, errStream));
        assertEquals(1_000_000L, Files.getLastModifiedTime(first).toMillis());
    }

    @Test
    void aBadCorpusLineIsReportedWithItsFileAndLine() throws Exception {
        Path tsv = corpus();
        List<String> lines = new ArrayList<>(Files.readAllLines(tsv));
        lines.set(lines.size() - 1, "broken line without columns");
        Files.write(tsv, lines);
        IOException e = assertThrows(IOException.class, () -> command().run(List.of("--corpus", tsv.toString(),
                "--out", dir.resolve("m").toString(), "--count", "1"), out, errStream));
        assertTrue(e.getMessage().contains(tsv + ":" + lines.size()), e.getMessage());
    }

    @Test
    void optionsAreCheckedWithAClearMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SynthCommand.Options.parse(List.of("--out", "x")))
                .getMessage().contains("required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SynthCommand.Options.parse(
                List.of("--corpus", "c", "--out", "o", "--count", "ten"))).getMessage().contains("'ten'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SynthCommand.Options.parse(
                List.of("--corpus", "c", "--out", "o", "--count", "1", "--split", "test"))).getMessage().contains("heldout"));
        SynthCommand.Options o = SynthCommand.Options.parse(
                List.of("--corpus", "c", "--out", "o", "--count", "5", "--split", "heldout", "--frames", "128"));
        assertEquals(Split.HELDOUT, o.split());
        assertEquals(128, o.frames());
        assertEquals(0, o.seed());
    }

    @Test
    void theProgressLineShowsCountRateAndTimeLeft() {
        SynthCommand.Progress p = new SynthCommand.Progress(100, errStream);
        String line = p.line(25, 5.0);
        assertTrue(line.startsWith("[" + "#".repeat(7) + " ".repeat(23) + "] 25/100 mixtures, 5.0/s, 15s left"), line);
        assertEquals("1h02m", SynthCommand.Progress.duration(3720));
        assertEquals("2m05s", SynthCommand.Progress.duration(125));
    }

    private SynthCommand command() {
        var config = MixtureParameters.configuration(Map.of("sampleRate", RATE));
        return new SynthCommand(new FlamMixtureSynthesizer(config));
    }

    /** Two event sounds and one 12 s background, as WAV files with their index. */
    private Path corpus() throws IOException {
        Path root = dir.resolve("corpus");
        Files.createDirectories(root);
        List<CorpusEntry> entries = new ArrayList<>();
        entries.add(wav(root, "dog.wav", TestCorpus.sine(600, 1.5, 0.5, RATE), "a dog barking", CorpusEntry.Kind.EVENT));
        entries.add(wav(root, "bell.wav", TestCorpus.sine(1500, 0.8, 0.5, RATE), "a bell ringing", CorpusEntry.Kind.EVENT));
        entries.add(wav(root, "rain.wav", TestCorpus.noise(12, 0.1, RATE, 3), "rain falling", CorpusEntry.Kind.BACKGROUND));
        Path tsv = root.resolve("corpus.tsv");
        CorpusIndex.write(new Corpus(root, entries), tsv);
        return tsv;
    }

    private static CorpusEntry wav(Path root, String name, float[] samples, String caption, CorpusEntry.Kind kind)
            throws IOException {
        WavWriter.write(root.resolve(name), samples, RATE, WavWriter.Encoding.PCM_16);
        return new CorpusEntry(name, new Caption(caption, List.of()), (double) samples.length / RATE, kind, "test",
                "CC0-1.0");
    }
}
