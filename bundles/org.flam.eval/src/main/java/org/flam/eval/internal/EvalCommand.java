package org.flam.eval.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.flam.api.FlamProperties;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.command.Command;
import org.flam.api.spi.Metric;
import org.flam.metrics.SedFiles;
import org.flam.metrics.SedPostprocessing;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code flam eval scores --scores DIR --ground-truth TSV --durations TSV [--median N]
 * [--metrics NAME,...]}: evaluates any system's frame scores (one {@code onset offset
 * <label>...} table per audio file, as sed_scores_eval reads them) against DCASE ground truth
 * with every frame-score {@link Metric} in the assembly (or the named ones), after an
 * N-frame median filter (3 by default, SPEC §3; 1 turns it off), and prints the values as
 * JSON on standard output.
 */
@Component(service = Command.class, property = FlamProperties.COMMAND + "=eval")
public final class EvalCommand implements Command {

    static final String USAGE = "eval scores --scores DIR --ground-truth TSV --durations TSV [--median N]"
            + " [--metrics NAME,...]";

    private final Map<String, Metric> metrics = new TreeMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMetric(Metric metric) {
        synchronized (metrics) {
            metrics.put(metric.name(), metric);
        }
    }

    void removeMetric(Metric metric) {
        synchronized (metrics) {
            metrics.remove(metric.name(), metric);
        }
    }

    @Override
    public String summary() {
        return "evaluate frame scores against ground truth (PSDS, AUROC, MPAUC, F1, ...): " + USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || !args.get(0).equals("scores")) {
            throw new IllegalArgumentException("usage: flam " + USAGE);
        }
        Options o = Options.parse(args.subList(1, args.size()));
        Map<String, FrameScores> scores = SedFiles.readScoreDirectory(o.scores());
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("--scores " + o.scores() + " holds no *.tsv score table");
        }
        Map<String, List<SoundEvent>> truth = SedFiles.readEvents(o.groundTruth());
        Map<String, Double> durations = SedFiles.readDurations(o.durations());
        if (o.median() > 1) {
            scores.replaceAll((file, table) -> SedPostprocessing.medianFilter(table, o.median()));
        }
        List<Metric> chosen = choose(o.metricNames());
        err.printf("eval: %d files, %d metrics (%s), median filter %d frames%n", scores.size(), chosen.size(),
                String.join(", ", chosen.stream().map(Metric::name).toList()), o.median());
        Map<String, MetricResult> results = new LinkedHashMap<>();
        for (Metric m : chosen) {
            results.put(m.name(), m.evaluateScores(scores, truth, durations, Map.of()));
        }
        out.println(JsonReport.of(scores.size(), o.median(), results));
        return OK;
    }

    private List<Metric> choose(List<String> names) {
        synchronized (metrics) {
            List<Metric> frameMetrics = new ArrayList<>();
            metrics.values().stream().filter(m -> m.input() == Metric.Input.FRAME_SCORES).forEach(frameMetrics::add);
            if (names.isEmpty()) {
                if (frameMetrics.isEmpty()) {
                    throw new IllegalStateException("this assembly has no frame-score Metric service");
                }
                return frameMetrics;
            }
            List<Metric> chosen = new ArrayList<>();
            for (String name : names) {
                Metric m = metrics.get(name);
                if (m == null || m.input() != Metric.Input.FRAME_SCORES) {
                    throw new IllegalArgumentException("--metrics: no frame-score metric '" + name + "'; available: "
                            + new TreeSet<>(frameMetrics.stream().map(Metric::name).toList()));
                }
                chosen.add(m);
            }
            return chosen;
        }
    }

    /** The parsed command line of {@code eval scores}. */
    record Options(Path scores, Path groundTruth, Path durations, int median, List<String> metricNames) {

        static Options parse(List<String> args) {
            Path scores = null;
            Path truth = null;
            Path durations = null;
            int median = SedPostprocessing.MEDIAN_FILTER_FRAMES;
            List<String> names = List.of();
            for (int i = 0; i < args.size(); i += 2) {
                String a = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value; usage: flam " + USAGE);
                }
                String v = args.get(i + 1);
                switch (a) {
                    case "--scores" -> scores = Path.of(v);
                    case "--ground-truth" -> truth = Path.of(v);
                    case "--durations" -> durations = Path.of(v);
                    case "--median" -> median = median(v);
                    case "--metrics" -> names = List.of(v.split(","));
                    default -> throw new IllegalArgumentException("unknown option " + a + "; usage: flam " + USAGE);
                }
            }
            if (scores == null || truth == null || durations == null) {
                throw new IllegalArgumentException("--scores, --ground-truth and --durations are required; usage: flam "
                        + USAGE);
            }
            return new Options(scores, truth, durations, median, names);
        }

        private static int median(String v) {
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--median must be a whole number of frames, got '" + v + "'");
            }
            if (n < 1 || n % 2 == 0) {
                throw new IllegalArgumentException("--median must be odd and at least 1 (1 = no filter), got " + n);
            }
            return n;
        }
    }
}
