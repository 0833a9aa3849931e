package org.flam.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /**
     * A metric that reports what it was given: the number of files, the ground-truth events,
     * and the score of frame 1 of "a.wav" (which the median filter changes: 0, 1, 0 -> 0).
     */
    private static final Metric PROBE = new Metric() {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public Input input() {
            return Input.FRAME_SCORES;
        }

        @Override
        public MetricResult evaluateScores(Map<String, FrameScores> scores, Map<String, List<SoundEvent>> truth,
                Map<String, Double> durations, Map<String, Double> parameters) {
            return new MetricResult("probe", Map.of("files", (double) scores.size(),
                    "events", (double) truth.values().stream().mapToInt(List::size).sum(),
                    "a_frame1", (double) scores.get("a.wav").score(1, 0), "undefined", Double.NaN));
        }
    };

    @Test
    void evaluatesFrameScoresAfterTheMedianFilterAndPrintsJson() throws Exception {
        EvalCommand cmd = command();
        assertEquals(0, cmd.run(List.of("scores", "--scores", scores().toString(), "--ground-truth", truth().toString(),
                "--durations", durations().toString()), print, err));
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"files\": 2"), json);
        assertTrue(json.contains("\"median_filter_frames\": 3"), json);
        assertTrue(json.contains("\"probe\": {"), json);
        assertTrue(json.contains("\"events\": 1.0"), json);
        assertTrue(json.contains("\"a_frame1\": 0.0"), "the 0,1,0 spike is filtered out: " + json);
        assertTrue(json.contains("\"undefined\": null"), json);
    }

    @Test
    void medianOneLeavesTheScoresAlone() throws Exception {
        command().run(List.of("scores", "--scores", scores().toString(), "--ground-truth", truth().toString(),
                "--durations", durations().toString(), "--median", "1"), print, err);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"a_frame1\": 1.0"));
    }

    @Test
    void badOptionsAndUnknownMetricsAreExplained() throws Exception {
        EvalCommand cmd = command();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cmd.run(List.of("bogus"), print, err))
                .getMessage().contains("eval scores"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EvalCommand.Options.parse(
                List.of("--scores", "s", "--ground-truth", "g", "--durations", "d", "--median", "2")))
                .getMessage().contains("odd"));
        List<String> args = List.of("scores", "--scores", scores().toString(), "--ground-truth", truth().toString(),
                "--durations", durations().toString(), "--metrics", "psds");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cmd.run(args, print, err))
                .getMessage().contains("available: [probe]"));
    }

    private EvalCommand command() {
        EvalCommand cmd = new EvalCommand();
        cmd.addMetric(PROBE);
        return cmd;
    }

    private Path scores() throws Exception {
        Path d = Files.createDirectories(dir.resolve("scores"));
        Files.writeString(d.resolve("a.wav.tsv"), "onset\toffset\tdog\n0.0\t1.0\t0.0\n1.0\t2.0\t1.0\n2.0\t3.0\t0.0\n");
        Files.writeString(d.resolve("b.wav.tsv"), "onset\toffset\tdog\n0.0\t1.0\t0.2\n1.0\t2.0\t0.3\n2.0\t3.0\t0.4\n");
        return d;
    }

    private Path truth() throws Exception {
        return Files.writeString(dir.resolve("gt.tsv"), "filename\tonset\toffset\tevent_label\nb.wav\t1.0\t2.5\tdog\n");
    }

    private Path durations() throws Exception {
        return Files.writeString(dir.resolve("durations.tsv"), "filename\tduration\na.wav\t3.0\nb.wav\t3.0\n");
    }
}
