package org.flam.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.flam.api.AudioClip;
import org.flam.api.Detection;
import org.flam.api.FrameGrid;
import org.flam.api.ModelManifest;
import org.flam.api.SampleStream;
import org.flam.api.SoundEvent;
import org.flam.api.detect.DetectionOptions;
import org.flam.api.detect.Detector;
import org.flam.api.detect.ModelLoader;
import org.flam.audio.io.WavWriter;
import org.flam.metrics.SedFiles;
import org.flam.metrics.internal.frame.CurveCorrelationMetric;
import org.flam.metrics.internal.frame.CurveCorrelationMetricConfiguration;
import org.flam.metrics.internal.frame.PositionProfileMetric;
import org.flam.metrics.internal.frame.PositionProfileMetricConfiguration;
import org.flam.metrics.internal.psds.PsdsMetric;
import org.flam.metrics.internal.psds.PsdsMetricConfiguration;
import org.flam.metrics.internal.ranking.SpearmanMetric;
import org.flam.metrics.internal.ranking.SpearmanMetricConfiguration;
import org.flam.metrics.internal.segment.AurocMetric;
import org.flam.metrics.internal.segment.AurocMetricConfiguration;
import org.flam.metrics.internal.segment.CollarF1Metric;
import org.flam.metrics.internal.segment.CollarF1MetricConfiguration;
import org.flam.metrics.internal.segment.MpaucMetric;
import org.flam.metrics.internal.segment.MpaucMetricConfiguration;
import org.flam.metrics.internal.segment.SegmentF1Metric;
import org.flam.metrics.internal.segment.SegmentF1MetricConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * {@code eval model} end to end with the real metric services, on a small synth-like directory
 * the test writes (5-s clips, events on the 0.3125 s grid of a fake 3.2 fps detector), and a
 * fake detector that answers with the ground truth (or its inverse).
 */
class ModelEvaluationTest {

    private static final double FPS = 3.2;
    private static final double FRAME = 1 / FPS;
    private static final int RATE = 16_000;
    private static final double SECONDS = 5.0;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    /** Clip events as frame ranges [from, to) on the 3.2 fps grid. */
    private static final Map<String, List<SoundEvent>> TRUTH = new TreeMap<>();

    static {
        put("clip0.wav", ev(2, 6, "dog barking"), ev(9, 14, "bell"));
        put("clip1.wav", ev(0, 4, "bell"));
        put("clip2.wav", ev(5, 11, "car horn"), ev(12, 16, "dog barking"));
        put("clip3.wav", ev(3, 8, "dog barking"));
        put("clip4.wav", ev(1, 5, "car horn"), ev(7, 12, "bell"));
        put("clip5.wav");
    }

    private static void put(String file, SoundEvent... events) {
        TRUTH.put(file, List.of(events));
    }

    private static SoundEvent ev(int from, int to, String label) {
        return new SoundEvent(from * FRAME, to * FRAME, label);
    }

    /** A fake detector: probability 1 on the frames of the clip's events of a query (or the inverse). */
    private static final class Oracle implements Detector {
        final boolean inverted;
        final List<DetectionOptions> options = new ArrayList<>();

        Oracle(boolean inverted) {
            this.inverted = inverted;
        }

        @Override
        public synchronized Detection detect(AudioClip audio, List<String> queries, DetectionOptions o) {
            options.add(o);
            FrameGrid grid = new FrameGrid(FPS, 0).covering(audio.durationSeconds());
            float[][] p = new float[queries.size()][grid.frameCount()];
            for (int k = 0; k < queries.size(); k++) {
                for (int f = 0; f < grid.frameCount(); f++) {
                    boolean on = false;
                    for (SoundEvent e : TRUTH.get(audio.id())) {
                        on |= e.label().equals(queries.get(k)) && e.onset() < grid.offset(f) - 1e-9
                                && e.offset() > grid.onset(f) + 1e-9;
                    }
                    p[k][f] = on != inverted ? 1f : 0f;
                }
            }
            return new Detection(queries, grid, p, List.of());
        }

        @Override
        public Detection detect(String id, SampleStream audio, List<String> queries, DetectionOptions o) {
            throw new UnsupportedOperationException("this fake detects clips only; the code under test passes clips");
        }

        @Override
        public ModelManifest model() {
            return new ModelManifest(List.of(new ModelManifest.BundleRef("org.flam.fake", "0.1.0")), Map.of(), 7,
                    "abc123", Instant.parse("2025-01-01T00:00:00Z"), "oracle");
        }
    }

    /**
     * A text-blind detector with suppressed edges: every query gets the same curve, 0.4 on the
     * frames where any event of the clip sounds, else 0, halved on the first two and last two
     * frames.
     */
    private static final class Leaky implements Detector {
        @Override
        public Detection detect(AudioClip audio, List<String> queries, DetectionOptions o) {
            FrameGrid grid = new FrameGrid(FPS, 0).covering(audio.durationSeconds());
            int frames = grid.frameCount();
            float[] curve = new float[frames];
            for (int f = 0; f < frames; f++) {
                for (SoundEvent e : TRUTH.get(audio.id())) {
                    if (e.onset() < grid.offset(f) - 1e-9 && e.offset() > grid.onset(f) + 1e-9) {
                        curve[f] = f < 2 || f >= frames - 2 ? 0.2f : 0.4f;
                    }
                }
            }
            float[][] p = new float[queries.size()][];
            for (int k = 0; k < p.length; k++) {
                p[k] = curve.clone();
            }
            return new Detection(queries, grid, p, List.of());
        }

        @Override
        public Detection detect(String id, SampleStream audio, List<String> queries, DetectionOptions o) {
            throw new UnsupportedOperationException("this fake detects clips only; the code under test passes clips");
        }

        @Override
        public ModelManifest model() {
            return new ModelManifest(List.of(), Map.of(), 1, "beef", Instant.parse("2025-01-01T00:00:00Z"), "");
        }
    }

    private static ModelLoader loader(Detector d) {
        return new ModelLoader() {
            @Override
            public Detector load(Path modelDirectory) {
                return d;
            }

            @Override
            public Detector loadDefault() {
                throw new IllegalStateException("no default");
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <A> A defaults(Class<A> config) {
        return (A) Proxy.newProxyInstance(config.getClassLoader(), new Class<?>[] {config},
                (proxy, method, args) -> method.getDefaultValue());
    }

    private EvalCommand command(Detector detector) {
        EvalCommand cmd = new EvalCommand();
        cmd.addMetric(new PsdsMetric(defaults(PsdsMetricConfiguration.class)));
        cmd.addMetric(new AurocMetric(defaults(AurocMetricConfiguration.class)));
        cmd.addMetric(new MpaucMetric(defaults(MpaucMetricConfiguration.class)));
        cmd.addMetric(new SegmentF1Metric(defaults(SegmentF1MetricConfiguration.class)));
        cmd.addMetric(new CollarF1Metric(defaults(CollarF1MetricConfiguration.class)));
        cmd.addMetric(new SpearmanMetric(defaults(SpearmanMetricConfiguration.class)));
        cmd.addMetric(new CurveCorrelationMetric(defaults(CurveCorrelationMetricConfiguration.class)));
        cmd.addMetric(new PositionProfileMetric(defaults(PositionProfileMetricConfiguration.class)));
        if (detector != null) {
            cmd.setModelLoader(loader(detector));
        }
        return cmd;
    }

    /** A synth-like directory: audio/ID.wav, labels/ID.tsv, events.tsv. */
    private Path data() throws Exception {
        Path d = dir.resolve("testset");
        Files.createDirectories(d.resolve("audio"));
        Files.createDirectories(d.resolve("labels"));
        Random random = new Random(1);
        StringBuilder all = new StringBuilder("filename\tonset\toffset\tevent_label\n");
        for (Map.Entry<String, List<SoundEvent>> e : TRUTH.entrySet()) {
            String id = e.getKey().substring(0, e.getKey().length() - 4);
            float[] samples = new float[(int) (SECONDS * RATE)];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (float) (0.1 * random.nextGaussian() / 4);
            }
            WavWriter.write(d.resolve("audio").resolve(id + ".wav"), samples, RATE, WavWriter.Encoding.PCM_16);
            StringBuilder rows = new StringBuilder("filename\tonset\toffset\tevent_label\n");
            for (SoundEvent ev : e.getValue()) {
                rows.append(e.getKey()).append('\t').append(ev.onset()).append('\t').append(ev.offset()).append('\t')
                        .append(ev.label()).append('\n');
            }
            if (e.getValue().isEmpty()) {
                rows.append(e.getKey()).append('\n');
            }
            Files.writeString(d.resolve("labels").resolve(id + ".tsv"), rows);
            all.append(rows, rows.indexOf("\n") + 1, rows.length());
        }
        Files.writeString(d.resolve("events.tsv"), all);
        return d;
    }

    private JsonObject run(Detector detector, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("model", "--model", dir.resolve("model").toString(), "--data",
                data().toString(), "--out", dir.resolve("report").toString()));
        args.addAll(List.of(extra));
        assertEquals(0, command(detector).run(args, print, err));
        return Json.createReader(new StringReader(out.toString(StandardCharsets.UTF_8))).readObject();
    }

    private static double value(JsonObject report, String protocol, String metric) {
        return value(report, protocol, metric, metric);
    }

    /** Value {@code name} of {@code metric}; NaN where the report holds {@code null}. */
    private static double value(JsonObject report, String protocol, String metric, String name) {
        JsonObject values = report.getJsonObject("protocols").getJsonObject(protocol).getJsonObject("metrics")
                .getJsonObject(metric);
        assertTrue(values.containsKey(name), name + " missing: " + values);
        return values.isNull(name) ? Double.NaN : values.getJsonNumber(name).doubleValue();
    }

    @Test
    void anOracleScoresPerfectlyInBothProtocolsAndTheReportIsComplete() throws Exception {
        Oracle oracle = new Oracle(false);
        JsonObject report = run(oracle);
        for (String protocol : List.of("open", "closed")) {
            assertEquals(1.0, value(report, protocol, "auroc"), 1e-12, protocol);
            assertEquals(1.0, value(report, protocol, "mpauc"), 1e-12, protocol);
            assertTrue(value(report, protocol, "psds") > 0.9, protocol + " PSDS " + value(report, protocol, "psds"));
            assertEquals(1.0, value(report, protocol, "f1-segment"), 1e-12, protocol);
            assertEquals(1.0, value(report, protocol, "f1-collar"), 1e-12, protocol);
            assertEquals(1.0, value(report, protocol, "spearman"), 1e-12, protocol);
            // calibrated: every threshold in [0, 1) is best, so the chosen 0.5 is reported
            assertEquals(1.0, value(report, protocol, "f1-segment", "f1-segment_best"), 1e-12, protocol);
            assertEquals(0.5, value(report, protocol, "f1-segment", "f1-segment_best_threshold"), 0, protocol);
            assertEquals(1.0, value(report, protocol, "f1-collar", "f1-collar_best"), 1e-12, protocol);
            // the oracle's curves are the ground truth's (the median filter keeps events of 4+ frames)
            for (String suffix : List.of("", "_pairs", "_clips", "_constant_pairs")) {
                assertEquals(value(report, protocol, "curve-correlation", "curve-correlation_truth" + suffix),
                        value(report, protocol, "curve-correlation", "curve-correlation" + suffix), 1e-12,
                        protocol + suffix);
            }
            assertEquals(1.0, value(report, protocol, "position-profile"), 0, protocol);
            assertEquals(1.0, value(report, protocol, "position-profile", "position-profile_first2_ratio"), 0);
            assertEquals(1.0, value(report, protocol, "position-profile", "position-profile_last2_ratio"), 0);
        }
        JsonObject open = report.getJsonObject("protocols").getJsonObject("open");
        JsonObject closed = report.getJsonObject("protocols").getJsonObject("closed");
        assertEquals(5, open.getInt("files"), "the clip without events has no captions");
        assertEquals(1, open.getInt("files_skipped"));
        assertEquals(6, closed.getInt("files"));
        assertEquals(3, closed.getInt("labels"));
        assertEquals(8, closed.getInt("events"));
        assertEquals(6, report.getInt("clips"));
        assertEquals("oracle", report.getJsonObject("model").getString("notes"));

        // raw probabilities were asked for, once per clip with the union of the queries
        assertEquals(6, oracle.options.size());
        assertTrue(oracle.options.stream().allMatch(o -> o.medianFilterFrames() == 1));

        Path r = dir.resolve("report");
        JsonObject fromFile = Json.createReader(new StringReader(Files.readString(r.resolve("report.json"))))
                .readObject();
        assertEquals(report, fromFile, "report.json is what was printed");
        String md = Files.readString(r.resolve("report.md"));
        assertTrue(md.contains("## Open-vocabulary protocol") && md.contains("## Closed-set protocol"), md);
        assertTrue(md.contains("| AUROC (0.3125 s segments) | 1.0000 |"), md);
        assertTrue(md.contains("flam eval model --model"), md);
        assertTrue(md.contains("`org.flam.fake 0.1.0`"), md);
        assertTrue(md.contains("### Calibration: F1 at the chosen and at the best single threshold"), md);
        assertTrue(md.contains("| segment-based, best single threshold | 0.5000 (same detections on [0.0000, "
                + "1.0000)) | 1.0000 | 1.0000 | 1.0000 |"), md);
        assertTrue(md.contains("### Curves of different captions within a clip"), md);
        assertTrue(md.contains("### Probability of ground-truth positive frames by frame position"), md);
        assertTrue(md.contains("| first two (0, 1) | 1.0000 |"), md);
        assertTrue(md.contains("By frame index: 0: 1.000 · 1: 1.000"), md);
        for (String png : List.of("psd-roc-open.png", "psd-roc-closed.png", "f1-threshold-open.png",
                "f1-threshold-closed.png", "position-profile-open.png", "position-profile-closed.png")) {
            var image = ImageIO.read(r.resolve(png).toFile());
            assertEquals(1200, image.getWidth(), png);
            assertEquals(800, image.getHeight(), png);
        }
        // open: a clip's own captions only; closed: every label
        assertEquals(List.of("bell", "dog barking"),
                SedFiles.readScores(r.resolve("scores-open/clip0.wav.tsv")).labels());
        assertEquals(List.of("bell", "car horn", "dog barking"),
                SedFiles.readScores(r.resolve("scores-closed/clip5.wav.tsv")).labels());
        assertFalse(Files.exists(r.resolve("scores-open/clip5.wav.tsv")));

        String progress = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("eval model: 1/6 files (17%)"), progress);
        assertTrue(progress.contains("eval model: 6/6 files (100%)"), progress);
        assertTrue(progress.contains("ETA"), progress);
    }

    @Test
    void anInvertedOracleHasAurocZero() throws Exception {
        JsonObject report = run(new Oracle(true), "--protocol", "open");
        assertEquals(0.0, value(report, "open", "auroc"), 1e-12);
        assertEquals(-1.0, value(report, "open", "spearman"), 1e-12);
        assertEquals(0.0, value(report, "open", "psds"), 1e-12);
        assertFalse(report.getJsonObject("protocols").containsKey("closed"));
    }

    @Test
    void aTextBlindDetectorWithSuppressedEdgesShowsInTheNewFigures() throws Exception {
        JsonObject report = run(new Leaky(), "--median", "1");
        // truth: binary curves of two disjoint events with a and b frames of 16 correlate
        // -ab / sqrt((16a - a²)(16b - b²)): clips 0 and 4 (4 and 5 frames), clip 2 (6 and 4)
        double truth = (2 * (-20 / Math.sqrt(48 * 55)) - 24 / Math.sqrt(60 * 48)) / 3;
        for (String protocol : List.of("open", "closed")) {
            String c = "curve-correlation";
            assertEquals(1.0, value(report, protocol, c), 1e-12, protocol + ": every query has the same curve");
            assertEquals(truth, value(report, protocol, c, c + "_truth"), 1e-12, protocol);
            assertEquals(3, value(report, protocol, c, c + "_truth_pairs"), protocol);
            assertEquals(3, value(report, protocol, c, c + "_truth_clips"), protocol);
            // positives score 0.4, or 0.2 on the first two and last two frames (3 and 2 of them)
            String pp = "position-profile";
            assertEquals(0.2f, value(report, protocol, pp, pp + "_first2"), 1e-7, protocol);
            assertEquals(0.2f, value(report, protocol, pp, pp + "_last2"), 1e-7, protocol);
            assertEquals(0.4f, value(report, protocol, pp, pp + "_mid"), 1e-7, protocol);
            assertEquals(3, value(report, protocol, pp, pp + "_first2_count"), protocol);
            assertEquals(2, value(report, protocol, pp, pp + "_last2_count"), protocol);
            assertEquals(21, value(report, protocol, pp, pp + "_mid_count"), protocol);
            assertEquals(0.5, value(report, protocol, pp, pp + "_first2_ratio"), 1e-12, protocol);
            assertEquals(0.5, value(report, protocol, pp, pp + "_last2_ratio"), 1e-12, protocol);
            assertEquals(37, value(report, protocol, pp, pp + "_count"), protocol);
            assertEquals((32 * 0.4f + 5 * 0.2f) / 37, value(report, protocol, pp), 1e-7, protocol);
            assertEquals(16, value(report, protocol, pp, pp + "_frames"), protocol);
            assertEquals(0.2f, value(report, protocol, pp, pp + "_frame_00"), 1e-7, protocol);
            assertEquals(0.4f, value(report, protocol, pp, pp + "_frame_07"), 1e-7, protocol);
            // nothing scores above 0.5; the best single threshold lies below 0.4
            String f = "f1-segment";
            assertEquals(0.0, value(report, protocol, f), 0, protocol);
            assertTrue(value(report, protocol, f, f + "_best") > 0, protocol);
            assertTrue(value(report, protocol, f, f + "_best_threshold_high") <= 0.4f, protocol);
        }
        JsonObject closed = report.getJsonObject("protocols").getJsonObject("closed");
        assertEquals(15, closed.getJsonObject("metrics").getJsonObject("curve-correlation")
                .getJsonNumber("curve-correlation_truth_constant_pairs").intValue(), "18 pairs, 3 of labels both present");
        assertEquals(3, closed.getJsonObject("metrics").getJsonObject("curve-correlation")
                .getJsonNumber("curve-correlation_constant_pairs").intValue(), "the clip without events is all 0");

        // evaluated at the reported best threshold, the F1 is the best F1
        double best = value(report, "open", "f1-segment", "f1-segment_best");
        double at = value(report, "open", "f1-segment", "f1-segment_best_threshold");
        out.reset();
        JsonObject again = run(new Leaky(), "--median", "1", "--protocol", "open", "--threshold", Double.toString(at));
        assertEquals(best, value(again, "open", "f1-segment"), 0);
        assertEquals(at, value(again, "open", "f1-segment", "f1-segment_best_threshold"), 0);
        String md = Files.readString(dir.resolve("report").resolve("report.md"));
        assertTrue(md.contains("| last two (F−2, F−1) | 0.2000 | 2 | 0.5000 |"), md);
    }

    @Test
    void aClosedLabelListRestrictsTheQueriesAndDropsLabelsWithoutEvents() throws Exception {
        Path labels = Files.writeString(dir.resolve("labels.txt"), "# closed set\nbell\ndog barking\n\nunicorn\n");
        JsonObject report = run(new Oracle(false), "--protocol", "closed", "--labels", labels.toString(),
                "--threshold", "0.4", "--median", "1");
        JsonObject closed = report.getJsonObject("protocols").getJsonObject("closed");
        assertEquals(2, closed.getInt("labels"));
        assertEquals(6, closed.getInt("events"), "car horn events are not in the label list");
        assertEquals(1.0, value(report, "closed", "auroc"), 1e-12);
        assertEquals(1, report.getInt("median_filter_frames"));
        assertEquals(0.4, report.getJsonNumber("threshold").doubleValue());
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("drops 1 labels without an event"));
    }

    @Test
    void badInputIsExplained() throws Exception {
        EvalCommand cmd = command(new Oracle(false));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> cmd.run(
                List.of("model", "--model", "m", "--data", dir.resolve("nowhere").toString()), print, err));
        assertTrue(missing.getMessage().contains("is not a directory") && missing.getMessage().contains("flam synth"),
                missing.getMessage());
        Files.createDirectories(dir.resolve("empty/audio"));
        Files.createDirectories(dir.resolve("empty/labels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> cmd.run(
                List.of("model", "--model", "m", "--data", dir.resolve("empty").toString()), print, err))
                .getMessage().contains("holds no .wav file"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelEvaluation.Options.parse(
                List.of("--model", "m"))).getMessage().contains("--model and --data are required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelEvaluation.Options.parse(
                List.of("--model", "m", "--data", "d", "--protocol", "half"))).getMessage()
                .contains("open, closed or both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelEvaluation.Options.parse(
                List.of("--model", "m", "--data", "d", "--threshold", "2"))).getMessage().contains("[0, 1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelEvaluation.Options.parse(
                List.of("--model", "m", "--data", "d", "--protocol", "open", "--labels", "l"))).getMessage()
                .contains("--protocol closed"));
    }

    @Test
    void withoutAModelLoaderEvalModelSaysItNeedsTheDetectionAssembly() {
        EvalCommand cmd = command(null);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cmd.run(List.of("model", "--model", "m", "--data", "d"), print, err));
        assertTrue(e.getMessage().contains("detection assembly"), e.getMessage());
        cmd.setModelLoader(loader(new Oracle(false)));
        ModelLoader other = loader(new Oracle(true));
        cmd.unsetModelLoader(other);
        // unbinding another loader leaves the bound one: the command now gets past the loader check
        assertThrows(IllegalArgumentException.class, () -> cmd.run(List.of("model", "--model", "m"), print, err));
    }

    @Test
    void progressLinesHaveAnEta() {
        long[] now = {0};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0], "x", 4);
        now[0] = 1_000_000_000L;
        p.done(1);
        now[0] = 1_500_000_000L;
        p.done(2); // within a second of the last line: quiet
        now[0] = 4_000_000_000L;
        p.done(4);
        assertEquals("x: 1/4 files (25%), 1.0 s elapsed, ETA 3.0 s\nx: 4/4 files (100%), 4.0 s elapsed, ETA 0.0 s\n",
                bytes.toString(StandardCharsets.UTF_8));
        assertEquals("2 min 05 s", Progress.duration(125));
    }
}
