package org.flam.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.SoundEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SedFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertNamesLine(IOException e, Path file, int line) {
        assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage());
    }

    @Test
    void eventsRoundTripIncludingAFileWithoutEvents() throws IOException {
        Map<String, List<SoundEvent>> events = new LinkedHashMap<>();
        events.put("a.wav", List.of(new SoundEvent("a.wav", 0.1, 1.0 / 3, "dog barking"),
                new SoundEvent("a.wav", 2, 3.5, "car")));
        events.put("silent.wav", List.of());
        Path file = dir.resolve("events.tsv");
        SedFiles.writeEvents(file, events);
        assertEquals(events, SedFiles.readEvents(file));
    }

    @Test
    void eventsHeaderIsOptionalAndMayReorderColumns() throws IOException {
        Path plain = write("plain.tsv", "a.wav\t0\t1.5\tdog\n\nb.wav\t\t\t\n");
        assertEquals(Map.of("a.wav", List.of(new SoundEvent("a.wav", 0, 1.5, "dog")), "b.wav", List.of()),
                SedFiles.readEvents(plain));
        Path reordered = write("reordered.tsv", "event_label\tonset\toffset\tfilename\ndog\t0\t1.5\ta.wav\n");
        assertEquals(Map.of("a.wav", List.of(new SoundEvent("a.wav", 0, 1.5, "dog"))), SedFiles.readEvents(reordered));
    }

    @Test
    void badEventRowsNameFileAndLine() throws IOException {
        Path notANumber = write("nan.tsv", "filename\tonset\toffset\tevent_label\na.wav\t0\t1\tdog\na.wav\tx\t1\tdog\n");
        assertNamesLine(assertThrows(IOException.class, () -> SedFiles.readEvents(notANumber)), notANumber, 3);
        Path backwards = write("backwards.tsv", "a.wav\t2\t1\tdog\n");
        assertNamesLine(assertThrows(IOException.class, () -> SedFiles.readEvents(backwards)), backwards, 1);
        Path shifted = write("shifted.tsv", "a.wav\t0\t1\tdog\textra\n");
        assertNamesLine(assertThrows(IOException.class, () -> SedFiles.readEvents(shifted)), shifted, 1);
        Path noLabel = write("nolabel.tsv", "\n\na.wav\t0\t1\t\n");
        assertNamesLine(assertThrows(IOException.class, () -> SedFiles.readEvents(noLabel)), noLabel, 3);
    }

    @Test
    void durationsWithAndWithoutHeader() throws IOException {
        assertEquals(Map.of("a.wav", 10.0, "b.wav", 2.5),
                SedFiles.readDurations(write("d.tsv", "filename\tduration\na.wav\t10\nb.wav\t2.5\na.wav\t10.000\n")));
        assertEquals(Map.of("a.wav", 10.0), SedFiles.readDurations(write("e.tsv", "a.wav\t10\n")));
        Path conflict = write("conflict.tsv", "a.wav\t10\na.wav\t9\n");
        assertNamesLine(assertThrows(IOException.class, () -> SedFiles.readDurations(conflict)), conflict, 2);
        Path negative = write("negative.tsv", "filename\tduration\na.wav\t-1\n");
        assertNamesLine(assertThrows(IOException.class, () -> SedFiles.readDurations(negative)), negative, 2);
    }

    @Test
    void scoresRoundTripPerFileAndPerDirectory() throws IOException {
        float[][] columns = new float[2][32];
        for (int f = 0; f < 32; f++) {
            columns[0][f] = f / 31f;
            columns[1][f] = (float) Math.sin(f);
        }
        FrameScores scores = FrameScores.ofColumns(FrameGrid.ofClip(32, 10.0), List.of("dog barking", "car"), columns);
        Path file = dir.resolve("one.tsv");
        SedFiles.writeScores(file, scores);
        assertTrue(Files.readAllLines(file).get(0).equals("onset\toffset\tdog barking\tcar"));
        assertEquals(scores, SedFiles.readScores(file));
        Map<String, FrameScores> all = Map.of("a.wav", scores, "b.wav", SedPostprocessing.medianFilter(scores, 3));
        SedFiles.writeScoreDirectory(dir.resolve("scores"), all);
        Files.writeString(dir.resolve("scores/notes.txt"), "ignored");
        assertEquals(all, SedFiles.readScoreDirectory(dir.resolve("scores")));
    }

    @Test
    void scoreTablesWithSixDecimalTimesAreAccepted() throws IOException {
        Path file = write("third.tsv", "onset\toffset\tx\n0.0\t0.333333\t0.1\n0.333333\t0.666667\t0.2\n0.666667\t1.0\t0.3\n");
        FrameScores scores = SedFiles.readScores(file);
        assertEquals(3, scores.frameCount());
        assertEquals(3.0, scores.grid().framesPerSecond(), 1e-12);
    }

    @Test
    void badScoreRowsNameFileAndLine() throws IOException {
        Path gap = write("gap.tsv", "onset\toffset\tx\n0\t1\t0.5\n1.5\t2\t0.5\n");
        assertNamesLine(assertThrows(IOException.class, () -> SedFiles.readScores(gap)), gap, 3);
        Path cells = write("cells.tsv", "onset\toffset\tx\ty\n0\t1\t0.5\t0.1\n1\t2\t0.5\n");
        assertNamesLine(assertThrows(IOException.class, () -> SedFiles.readScores(cells)), cells, 3);
        Path word = write("word.tsv", "onset\toffset\tx\n0\t1\thigh\n");
        assertNamesLine(assertThrows(IOException.class, () -> SedFiles.readScores(word)), word, 2);
        Path noHeader = write("noheader.tsv", "0\t1\t0.5\n");
        assertNamesLine(assertThrows(IOException.class, () -> SedFiles.readScores(noHeader)), noHeader, 1);
    }
}
