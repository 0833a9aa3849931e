package org.flam.eval.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.flam.api.FlamProperties;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.command.Command;
import org.flam.api.detect.ModelLoader;
import org.flam.api.spi.Metric;
import org.flam.metrics.SedFiles;
import org.flam.metrics.SedPostprocessing;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code flam eval scores ...} and {@code flam eval model ...}.
 *
 * <p>{@code eval scores --scores DIR --ground-truth TSV --durations TSV [--median N]
 * [--metrics NAME,...]}: evaluates any system's frame scores (one {@code onset offset
 * <label>...} table per audio file, as sed_scores_eval reads them) against DCASE ground truth
 * with every frame-score {@link Metric} in the assembly (or the named ones), after an
 * N-frame median filter (3 by default, SPEC §3; 1 turns it off), and prints the values as
 * JSON on standard output.
 *
 * <p>{@code eval model --model M --data DIR ...}: runs a model over a {@code flam synth}
 * directory and evaluates it (see {@link ModelEvaluation}). It needs a {@link ModelLoader},
 * which only the detection assembly provides; the reference is optional, dynamic and greedy,
 * so {@code eval scores} works in the small eval assembly without one.
 */
@Component(service = Command.class, property = FlamProperties.COMMAND + "=eval")
public final class EvalCommand implements Command {

    static final String USAGE = "eval scores --scores DIR --ground-truth TSV --durations TSV [--median N]"
            + " [--metrics NAME,...]";
    static final String USAGE_BOTH = USAGE + "\n   or: flam " + ModelEvaluation.USAGE;

    private final MetricRunner metrics = new MetricRunner();
    private final AtomicReference<ModelLoader> modelLoader = new AtomicReference<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMetric(Metric metric) {
        metrics.add(metric);
    }

    void removeMetric(Metric metric) {
        metrics.remove(metric);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setModelLoader(ModelLoader loader) {
        modelLoader.set(loader);
    }

    void unsetModelLoader(ModelLoader loader) {
        modelLoader.compareAndSet(loader, null);
    }

    @Override
    public String summary() {
        return "evaluate frame scores against ground truth (PSDS, AUROC, MPAUC, F1, ...): " + USAGE
                + "; or run a model over a frame-labelled test set and evaluate it: " + ModelEvaluation.USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("model")) {
            ModelLoader loader = modelLoader.get();
            if (loader == null) {
                throw new IllegalStateException("flam eval model needs a ModelLoader service to load --model, and "
                        + "this assembly has none: run it in the detection assembly (features/detect), which "
                        + "provides one; here only 'flam " + USAGE + "' is available");
            }
            ModelEvaluation.Options o = ModelEvaluation.Options.parse(args.subList(1, args.size()));
            String commandLine = "flam eval " + String.join(" ", args);
            new ModelEvaluation(loader, metrics.choose(List.of()), err, System::nanoTime).run(o, commandLine, out);
            return OK;
        }
        if (args.isEmpty() || !args.get(0).equals("scores")) {
            throw new IllegalArgumentException("usage: flam " + USAGE_BOTH);
        }
        Options o = Options.parse(args.subList(1, args.size()));
        Map<String, FrameScores> scores = SedFiles.readScoreDirectory(o.scores());
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("--scores " + o.scores() + " holds no *.tsv score table");
        }
        Map<String, List<SoundEvent>> truth = SedFiles.readEvents(o.groundTruth());
        Map<String, Double> durations = SedFiles.readDurations(o.durations());
        List<Metric> chosen = metrics.choose(o.metricNames());
        err.printf("eval: %d files, %d metrics (%s), median filter %d frames%n", scores.size(), chosen.size(),
                String.join(", ", chosen.stream().map(Metric::name).toList()), o.median());
        Map<String, MetricResult> results = MetricRunner.evaluate(chosen, MetricRunner.medianFiltered(scores, o.median()),
                truth, durations, Map.of());
        out.println(JsonReport.of(scores.size(), o.median(), results));
        return OK;
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
                    case "--median" -> median = parseMedian(v);
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

        static int parseMedian(String v) {
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
