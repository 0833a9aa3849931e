package org.flam.augment.mixture.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flam.api.AudioClip;
import org.flam.api.FrameGrid;
import org.flam.api.Mixture;
import org.flam.api.SoundEvent;
import org.flam.audio.io.AudioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of a written run read back, and resuming. */
class MixtureWriterTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final FrameGrid GRID = FrameGrid.ofClip(32, 10.0);

    private final TestCorpus source = TestCorpus.standard(12, 2);
    private final Synthesis synthesis = new Synthesis(
            MixtureParameters.of(MixtureParameters.configuration(Map.of("heldoutFraction", 0.0, "sampleRate", 32_000))), source);

    @Test
    void writtenFilesReadBackAsTheMixture(@TempDir Path out) throws IOException {
        List<Long> progress = new ArrayList<>();
        new MixtureWriter(synthesis, 2).write(source.corpus(), SHA, GRID, out, 42, 3, Split.TRAIN, progress::add);
        assertEquals(List.of(1L, 2L, 3L), progress);

        int eventRows = 0;
        for (long i = 0; i < 3; i++) {
            Mixture m = synthesis.render(source.corpus(), 42, i, GRID, Split.TRAIN).mixture();
            String id = "train_s42_00000" + i;
            assertEquals(id, m.audio().id());

            AudioClip wav = AudioReader.read(out.resolve("audio/" + id + ".wav"), 32_000);
            assertEquals(m.audio().sampleCount(), wav.sampleCount());
            for (int k = 0; k < wav.sampleCount(); k++) {
                assertEquals(m.audio().sample(k), wav.sample(k), 0.5 / 32768 + 1e-7, "sample " + k);
            }

            List<String> labels = Files.readAllLines(out.resolve("labels/" + id + ".tsv"));
            assertEquals("filename\tonset\toffset\tevent_label", labels.get(0));
            assertEquals(m.events().size(), labels.size() - 1);
            for (int e = 0; e < m.events().size(); e++) {
                SoundEvent event = m.events().get(e);
                String[] cells = labels.get(e + 1).split("\t");
                assertEquals(id + ".wav", cells[0]);
                assertEquals(event.onset(), Double.parseDouble(cells[1]), 1e-6);
                assertEquals(event.offset(), Double.parseDouble(cells[2]), 1e-6);
                assertEquals(event.label(), cells[3]);
            }
            eventRows += m.events().size();

            List<String> frames = Files.readAllLines(out.resolve("frames/" + id + ".tsv"));
            assertEquals("onset\toffset\t" + String.join("\t", m.frameLabels().labels()), frames.get(0));
            assertEquals(33, frames.size());
            String[] row5 = frames.get(6).split("\t");
            assertEquals("1.5625", row5[0]);
            assertEquals("1.875", row5[1]);
            for (int k = 0; k < m.frameLabels().labels().size(); k++) {
                assertEquals(m.frameLabels().score(5, k), Float.parseFloat(row5[2 + k]));
            }
        }
        List<String> all = Files.readAllLines(out.resolve("events.tsv"));
        assertEquals(1 + eventRows, all.size());
        assertTrue(all.get(1).startsWith("train_s42_000000.wav\t"));

        String manifest = Files.readString(out.resolve("manifest.json"));
        for (String expected : List.of("\"format\": \"flam-mixtures/1\"", "\"corpusSha256\": \"" + SHA + "\"",
                "\"seed\": 42", "\"split\": \"train\"", "\"count\": 3", "\"framesPerSecond\": 3.2",
                "\"maxConcurrentEvents\": 3", "\"sampleRate\": 32000", "\"pooling\": \"MAX\"",
                "\"noiseColours\": [\"WHITE\", \"PINK\", \"BROWN\"]")) {
            assertTrue(manifest.contains(expected), expected + " in\n" + manifest);
        }
    }

    @Test
    void resumingWritesOnlyWhatIsMissingAndRefusesAnotherRun(@TempDir Path out) throws IOException {
        MixtureWriter writer = new MixtureWriter(synthesis, 1);
        writer.write(source.corpus(), SHA, GRID, out, 7, 3, Split.TRAIN, n -> { });
        Path keptWav = out.resolve("audio/train_s7_000000.wav");
        Path redone = out.resolve("audio/train_s7_000001.wav");
        byte[] before = Files.readAllBytes(redone);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(keptWav, old);
        Files.setLastModifiedTime(redone, old);
        Files.delete(out.resolve("frames/train_s7_000001.tsv"));

        List<Long> progress = new ArrayList<>();
        writer.write(source.corpus(), SHA, GRID, out, 7, 4, Split.TRAIN, progress::add);
        assertEquals(List.of(1L, 2L, 3L, 4L), progress);
        assertEquals(old, Files.getLastModifiedTime(keptWav), "complete mixture skipped");
        assertTrue(Files.getLastModifiedTime(redone).compareTo(old) > 0, "incomplete mixture written again");
        assertArrayEquals(before, Files.readAllBytes(redone), "reproducibly");
        assertTrue(Files.exists(out.resolve("frames/train_s7_000001.tsv")));
        assertTrue(Files.exists(out.resolve("labels/train_s7_000003.tsv")), "count extended");
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"count\": 4"));

        assertThrows(IllegalStateException.class,
                () -> writer.write(source.corpus(), SHA, GRID, out, 8, 4, Split.TRAIN, n -> { }));
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(source.corpus(), "not-a-hash", GRID, out, 7, 4, Split.TRAIN, n -> { }));
        try (var files = Files.list(out.resolve("audio"))) {
            assertEquals(4, files.filter(p -> p.getFileName().toString().endsWith(".wav")).count());
        }
    }

    @Test
    void timesAreMicrosecondsWithoutTrailingZeros() {
        assertEquals("0", MixtureWriter.time(0));
        assertEquals("0.3125", MixtureWriter.time(1 / 3.2));
        assertEquals("2", MixtureWriter.time(2.0000000001));
        assertEquals("1.000021", MixtureWriter.time(48_001 / 48_000.0));
    }
}
