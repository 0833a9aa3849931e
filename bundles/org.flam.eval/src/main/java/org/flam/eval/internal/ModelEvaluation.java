package org.flam.eval.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import org.flam.api.AudioClip;
import org.flam.api.Detection;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.ModelManifest;
import org.flam.api.SoundEvent;
import org.flam.api.detect.DetectionOptions;
import org.flam.api.detect.Detector;
import org.flam.api.detect.ModelLoader;
import org.flam.api.spi.Metric;
import org.flam.audio.io.AudioReader;
import org.flam.metrics.SedFiles;
import org.flam.metrics.SedPostprocessing;
import org.flam.plot.LineChart;

/**
 * {@code flam eval model}: runs a model over a {@code flam synth} test set and evaluates it
 * under the open-vocabulary protocol (each clip scored only against its own captions), the
 * closed-set protocol (every clip against one label list), or both.
 *
 * <p>Per clip the detector is called once, with the union of the protocols' queries and no
 * median filter, so the score tables hold the raw calibrated probabilities; a query's output
 * does not depend on the other queries (SPEC §3: each text has its own calibrated
 * classifier). The tables are written to {@code OUT/scores-<protocol>/ID.wav.tsv} and then
 * evaluated exactly as {@code eval scores} evaluates a directory of them.
 */
final class ModelEvaluation {

    static final String USAGE = "eval model --model DIR --data DIR [--protocol open|closed|both] [--labels FILE]"
            + " [--out DIR] [--median N] [--threshold T]";

    /** Thresholds of the F1-against-threshold chart. */
    static final int F1_CURVE_POINTS = 39;

    /** The metric whose best single threshold the F1 chart marks. */
    static final String SEGMENT_F1 = "f1-segment";
    /** The metric whose curve is drawn as {@code position-profile-<protocol>.png}. */
    static final String POSITION_PROFILE = "position-profile";

    static final int CHART_WIDTH = 1200;
    static final int CHART_HEIGHT = 800;

    private final ModelLoader loader;
    private final List<Metric> metrics;
    private final PrintStream err;
    private final LongSupplier nanoTime;

    ModelEvaluation(ModelLoader loader, List<Metric> metrics, PrintStream err, LongSupplier nanoTime) {
        this.loader = loader;
        this.metrics = List.copyOf(metrics);
        this.err = err;
        this.nanoTime = nanoTime;
    }

    /** The command line of {@code eval model}. */
    record Options(Path model, Path data, List<String> protocols, Path labels, Path out, int median,
            double threshold) {

        static Options parse(List<String> args) {
            Path model = null;
            Path data = null;
            List<String> protocols = List.of("open", "closed");
            Path labels = null;
            Path out = null;
            int median = SedPostprocessing.MEDIAN_FILTER_FRAMES;
            double threshold = 0.5;
            for (int i = 0; i < args.size(); i += 2) {
                String a = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value; usage: flam " + USAGE);
                }
                String v = args.get(i + 1);
                switch (a) {
                    case "--model" -> model = Path.of(v);
                    case "--data" -> data = Path.of(v);
                    case "--protocol" -> protocols = switch (v) {
                        case "open" -> List.of("open");
                        case "closed" -> List.of("closed");
                        case "both" -> List.of("open", "closed");
                        default -> throw new IllegalArgumentException("--protocol must be open, closed or both, got '"
                                + v + "'");
                    };
                    case "--labels" -> labels = Path.of(v);
                    case "--out" -> out = Path.of(v);
                    case "--median" -> median = EvalCommand.Options.parseMedian(v);
                    case "--threshold" -> threshold = threshold(v);
                    default -> throw new IllegalArgumentException("unknown option " + a + "; usage: flam " + USAGE);
                }
            }
            if (model == null || data == null) {
                throw new IllegalArgumentException("--model and --data are required; usage: flam " + USAGE);
            }
            if (labels != null && !protocols.contains("closed")) {
                throw new IllegalArgumentException("--labels is the closed-set label list; it needs --protocol closed"
                        + " or both");
            }
            if (out == null) {
                out = Path.of("eval-" + data.toAbsolutePath().normalize().getFileName());
            }
            return new Options(model, data, protocols, labels, out, median, threshold);
        }

        private static double threshold(String v) {
            double t;
            try {
                t = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--threshold must be a number in [0, 1], got '" + v + "'");
            }
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("--threshold must be in [0, 1], got " + v);
            }
            return t;
        }
    }

    /** One protocol's queries per file (files without queries are not scored). */
    record Protocol(String name, Map<String, List<String>> queries, Map<String, List<SoundEvent>> truth,
            List<String> labels, int skippedFiles) {

        int events() {
            return truth.values().stream().mapToInt(List::size).sum();
        }
    }

    /** What one protocol gave. */
    record Outcome(Protocol protocol, Map<String, MetricResult> results, List<String> charts) {
    }

    void run(Options o, String commandLine, PrintStream out) throws IOException {
        TestSet set = TestSet.read(o.data());
        List<Protocol> protocols = new ArrayList<>();
        for (String name : o.protocols()) {
            protocols.add(name.equals("open") ? open(set) : closed(set, o.labels()));
        }
        Detector detector = loader.load(o.model());
        ModelManifest manifest = detector.model();
        Files.createDirectories(o.out());
        err.printf(Locale.ROOT, "eval model: %s on %s, %d files, protocols %s, median filter %d frames, threshold %s%n",
                o.model(), o.data(), set.audio().size(), o.protocols(), o.median(), o.threshold());

        // Detect once per clip with every query any protocol needs; split the columns afterwards.
        Map<String, Map<String, FrameScores>> scores = new LinkedHashMap<>();
        protocols.forEach(p -> scores.put(p.name(), new TreeMap<>()));
        Map<String, Double> durations = new TreeMap<>();
        DetectionOptions raw = DetectionOptions.DEFAULTS.withMedianFilterFrames(1).withThreshold(o.threshold());
        Progress progress = new Progress(err, nanoTime, "eval model", set.audio().size());
        int done = 0;
        for (Path wav : set.audio()) {
            String file = wav.getFileName().toString();
            Set<String> queries = new LinkedHashSet<>();
            protocols.forEach(p -> queries.addAll(p.queries().getOrDefault(file, List.of())));
            AudioClip clip = AudioReader.read(wav, AudioReader.probe(wav).sampleRate());
            durations.put(file, clip.durationSeconds());
            if (!queries.isEmpty()) {
                Detection d = detector.detect(clip, List.copyOf(queries), raw);
                for (Protocol p : protocols) {
                    List<String> q = p.queries().get(file);
                    if (q != null) {
                        scores.get(p.name()).put(file, columns(d, q));
                    }
                }
            }
            progress.done(++done);
        }

        List<Outcome> outcomes = new ArrayList<>();
        for (Protocol p : protocols) {
            Map<String, FrameScores> table = scores.get(p.name());
            if (table.isEmpty()) {
                throw new IllegalArgumentException("protocol " + p.name() + ": no clip of " + o.data()
                        + " has a label to score");
            }
            SedFiles.writeScoreDirectory(o.out().resolve("scores-" + p.name()), table);
            Map<String, FrameScores> filtered = MetricRunner.medianFiltered(table, o.median());
            Map<String, Double> fileDurations = new TreeMap<>(durations);
            fileDurations.keySet().retainAll(table.keySet());
            Map<String, Map<String, Double>> parameters = new TreeMap<>();
            for (Metric m : metrics) {
                if (m.name().startsWith("f1")) {
                    parameters.put(m.name(), Map.of(Metric.THRESHOLD, o.threshold()));
                }
            }
            err.printf("eval model: %s protocol, %d files, %d labels, %d events: %s%n", p.name(), table.size(),
                    p.labels().size(), p.events(), String.join(", ", metrics.stream().map(Metric::name).toList()));
            Map<String, MetricResult> results = MetricRunner.evaluate(metrics, filtered, p.truth(), fileDurations,
                    parameters);
            List<String> charts = charts(o, p, results, filtered, fileDurations);
            outcomes.add(new Outcome(p, results, charts));
        }
        ModelReport report = new ModelReport(o, commandLine, manifest, set, outcomes);
        String json = report.json();
        write(o.out().resolve("report.json"), json + "\n");
        write(o.out().resolve("report.md"), report.markdown());
        err.println("eval model: report in " + o.out().resolve("report.md"));
        out.println(json);
    }

    private Protocol open(TestSet set) {
        Map<String, List<String>> queries = new TreeMap<>();
        Map<String, List<SoundEvent>> truth = new TreeMap<>();
        int skipped = 0;
        for (String file : set.truth().keySet()) {
            List<String> captions = set.captions(file);
            if (captions.isEmpty()) {
                skipped++;
                continue;
            }
            queries.put(file, captions);
            truth.put(file, set.truth().get(file));
        }
        if (skipped > 0) {
            err.printf("eval model: open protocol skips %d clips without events (no captions to score)%n", skipped);
        }
        return new Protocol("open", queries, truth, set.allLabels(), skipped);
    }

    private Protocol closed(TestSet set, Path labelFile) throws IOException {
        List<String> labels = labelFile == null ? set.allLabels() : readLabels(labelFile);
        Set<String> withEvents = new TreeSet<>(set.allLabels());
        List<String> dropped = labels.stream().filter(l -> !withEvents.contains(l)).toList();
        if (!dropped.isEmpty()) {
            err.printf("eval model: closed protocol drops %d labels without an event in the test set (no metric is "
                    + "defined for them): %s%n", dropped.size(), dropped);
            labels = labels.stream().filter(withEvents::contains).toList();
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("closed protocol: no label of " + (labelFile == null ? "the test set"
                    : labelFile) + " has an event in the test set");
        }
        Set<String> keep = new TreeSet<>(labels);
        Map<String, List<String>> queries = new TreeMap<>();
        Map<String, List<SoundEvent>> truth = new TreeMap<>();
        for (Map.Entry<String, List<SoundEvent>> e : set.truth().entrySet()) {
            queries.put(e.getKey(), labels);
            truth.put(e.getKey(), e.getValue().stream().filter(ev -> keep.contains(ev.label())).toList());
        }
        return new Protocol("closed", queries, truth, labels, 0);
    }

    static List<String> readLabels(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--labels " + file + " is not a file (one label per line)");
        }
        Set<String> labels = new LinkedHashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String label = line.strip();
            if (!label.isEmpty() && !label.startsWith("#")) {
                if (label.contains("\t")) {
                    throw new IllegalArgumentException("--labels " + file + ": a label must not contain a tab: '" + label
                            + "'");
                }
                labels.add(label);
            }
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("--labels " + file + " holds no label");
        }
        return new ArrayList<>(labels);
    }

    /** The columns {@code labels} of a detection, as a score table. */
    static FrameScores columns(Detection d, List<String> labels) {
        float[][] columns = new float[labels.size()][];
        for (int k = 0; k < labels.size(); k++) {
            columns[k] = d.probabilities(labels.get(k));
        }
        return FrameScores.ofColumns(d.grid(), labels, columns);
    }

    private List<String> charts(Options o, Protocol p, Map<String, MetricResult> results,
            Map<String, FrameScores> scores, Map<String, Double> durations) throws IOException {
        List<String> written = new ArrayList<>();
        MetricResult psds = results.get("psds");
        MetricResult.Curve roc = psds == null ? null : psds.curves().get("psd-roc");
        if (roc != null) {
            String name = "psd-roc-" + p.name() + ".png";
            double[] x = roc.x();
            double maxX = 0;
            for (double v : x) {
                maxX = Math.max(maxX, v);
            }
            LineChart.builder()
                    .title(String.format(Locale.ROOT, "PSD-ROC, %s protocol (PSDS %s)", p.name(),
                            ModelReport.format(psds.headline().orElse(Double.NaN))))
                    .xLabel(roc.xAxis()).yLabel(roc.yAxis())
                    .xRange(0, maxX > 0 ? maxX : 1).yRange(0, 1)
                    .steps("eTPR (mean − std over " + p.labels().size() + " labels)", x, roc.y())
                    .build().writePng(o.out().resolve(name), CHART_WIDTH, CHART_HEIGHT);
            written.add(name);
        } else {
            err.println("eval model: no psds metric with a psd-roc curve; " + "psd-roc-" + p.name() + ".png not drawn");
        }
        List<Metric> f1 = metrics.stream().filter(m -> m.name().startsWith("f1")).toList();
        if (!f1.isEmpty()) {
            String name = "f1-threshold-" + p.name() + ".png";
            LineChart.Builder chart = LineChart.builder()
                    .title("F1 against threshold, " + p.name() + " protocol (macro over labels)")
                    .xLabel("threshold").yLabel("F1").xRange(0, 1).yRange(0, 1)
                    .verticalLine(o.threshold(), "threshold " + o.threshold());
            MetricResult segment = results.get(SEGMENT_F1);
            double best = segment == null ? Double.NaN
                    : segment.value(SEGMENT_F1 + "_best_threshold").orElse(Double.NaN);
            if (best >= 0 && best <= 1 && best != o.threshold()) {
                chart.verticalLine(best, "best (" + SEGMENT_F1 + ") " + ModelReport.format(best));
            }
            for (Metric m : f1) {
                double[] t = new double[F1_CURVE_POINTS];
                double[] y = new double[F1_CURVE_POINTS];
                for (int i = 0; i < F1_CURVE_POINTS; i++) {
                    t[i] = (i + 1) / (double) (F1_CURVE_POINTS + 1);
                    double v = m.evaluateScores(scores, p.truth(), durations, Map.of(Metric.THRESHOLD, t[i]))
                            .headline().orElse(Double.NaN);
                    y[i] = Double.isNaN(v) ? 0 : v;
                }
                chart.series(m.name(), t, y);
            }
            chart.build().writePng(o.out().resolve(name), CHART_WIDTH, CHART_HEIGHT);
            written.add(name);
        }
        MetricResult position = results.get(POSITION_PROFILE);
        MetricResult.Curve profile = position == null ? null : position.curves().get(POSITION_PROFILE);
        if (profile != null) {
            String name = "position-profile-" + p.name() + ".png";
            double frames = position.value(POSITION_PROFILE + "_frames").orElse(1.0);
            LineChart.Builder chart = LineChart.builder()
                    .title("Mean probability of ground-truth positive frames by frame position, " + p.name()
                            + " protocol")
                    .xLabel("frame index").yLabel("mean probability").xRange(0, Math.max(1, frames - 1))
                    .yRange(0, 1)
                    .series("positive frames", profile.x(), profile.y());
            double mid = position.value(POSITION_PROFILE + "_mid").orElse(Double.NaN);
            if (Double.isFinite(mid)) {
                chart.horizontalLine(mid, "mid-clip mean " + ModelReport.format(mid));
            }
            chart.build().writePng(o.out().resolve(name), CHART_WIDTH, CHART_HEIGHT);
            written.add(name);
        }
        return written;
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
