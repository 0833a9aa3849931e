package org.flam.detect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.flam.api.detect.Detector;
import org.flam.api.detect.ModelLoader;
import org.flam.audio.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flam detect} over a batch in which some files are bad: the others' work is kept. */
class DetectCommandTest {

    /**
     * 46 bytes found by fuzzing: a FLAC stream followed by MP3 bytes, on which the FLAC decoder
     * used to loop forever (audio bundle's {@code bad/flac-then-mp3-bytes-hangs.flac}).
     */
    static final byte[] HANGING_FLAC = HexFormat.of().parseHex("664c6143800000221000100000061b0008a80bb800f00000bb80"
            + "45f8ebb98f425aa91fbbc978c1023a68fffb9000");

    @TempDir
    Path dir;

    /** A loader that gives the hand-built model of {@link FlamModelLoaderTest} for any directory. */
    static ModelLoader handBuilt(Path model) throws IOException {
        Detector detector = FlamModelLoaderTest.loader(Map.of("org.flam.nd4j", "0.1.0"), "test").load(model);
        return new ModelLoader() {
            @Override
            public Detector load(Path modelDirectory) {
                return detector;
            }

            @Override
            public Detector loadDefault() {
                return detector;
            }
        };
    }

    @Test
    void badFilesGetAnErrorLineAndTheBatchGoesOn() throws Exception {
        Path model = FlamModelLoaderTest.writeModel(dir.resolve("model"));
        ModelLoader loader = handBuilt(model);
        Path good = dir.resolve("good.wav");
        WavWriter.write(good, FlamModelLoaderTest.recording().samples(), 8000, WavWriter.Encoding.PCM_16);
        Path hanging = Files.write(dir.resolve("hangs.flac"), HANGING_FLAC);
        Path missing = dir.resolve("missing.wav");
        Path folder = Files.createDirectories(dir.resolve("folder.wav"));
        Path second = Files.copy(good, dir.resolve("second.wav"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new DetectCommand(loader).run(
                List.of(good.toString(), hanging.toString(), missing.toString(), folder.toString(), second.toString(),
                        "--query", "a tone", "--format", "tsv"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));

        String errors = err.toString(StandardCharsets.UTF_8);
        assertEquals(DetectCommand.SOME_FAILED, status, errors);
        assertTrue(errors.contains("flam detect: " + hanging + ": ") && errors.contains("past the end"), errors);
        assertTrue(errors.contains("flam detect: " + missing + ": no such file"), errors);
        assertTrue(errors.contains("flam detect: " + folder + ": is a directory"), errors);
        assertTrue(errors.contains("flam detect: 3 of 5 files failed"), errors);
        assertEquals("filename\tonset\toffset\tevent_label\n"
                + "good.wav\t3.000\t5.000\ta tone\ngood.wav\t7.500\t8.000\ta tone\n"
                + "second.wav\t3.000\t5.000\ta tone\nsecond.wav\t7.500\t8.000\ta tone\n",
                out.toString(StandardCharsets.UTF_8), "both good files, before and after the bad ones");
    }

    @Test
    void optionsOutOfRangeAreUsageErrorsBeforeAnyWork() {
        IllegalArgumentException huge = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DetectCommand.parse(List.of("a.wav", "-q", "x", "--median", "1000001")));
        assertTrue(huge.getMessage().contains("[1, 1001]"), huge.getMessage());
        IllegalArgumentException fraction = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DetectCommand.parse(List.of("a.wav", "-q", "x", "--median", "3.5")));
        assertTrue(fraction.getMessage().contains("whole number"), fraction.getMessage());
        assertEquals(5, DetectCommand.parse(List.of("a.wav", "-q", "x", "--median", "5")).detection().medianFilterFrames());
    }

    @Test
    void aFileNameWithATabIsDetectedAndReportedWithASpace() throws Exception {
        Path model = FlamModelLoaderTest.writeModel(dir.resolve("model"));
        Path tabbed = dir.resolve("with\ttab.wav");
        WavWriter.write(tabbed, FlamModelLoaderTest.recording().samples(), 8000, WavWriter.Encoding.PCM_16);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new DetectCommand(handBuilt(model)).run(List.of(tabbed.toString(), "-q", "a tone", "--format", "tsv"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\nwith tab.wav\t3.000\t5.000\ta tone\n"), out.toString());
    }
}
