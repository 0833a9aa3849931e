package org.flam.metrics.internal.frame;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.flam.api.FlamProperties;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.flam.metrics.internal.segment.LabelEvents;
import org.flam.metrics.internal.segment.Parameters;
import org.flam.metrics.internal.segment.Times;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Mean within-clip correlation of different labels' curves: does a model give different
 * texts different curves on the same clip, or one "something sounds here" curve for all?
 *
 * <p>For each file, over every unordered pair {@code {j, k}}, {@code j != k}, of the labels
 * that are columns of its score table, {@code r_jk} = Pearson's correlation ({@link Pearson})
 * between the two columns over the file's frames (the scores as given: the evaluator's median
 * filter has already been applied). A pair where either column is constant has no
 * correlation: it is skipped and counted, never scored 0. The file's value is the mean of its
 * defined {@code r_jk}; the result is the mean over files that have at least one defined pair
 * (each file weighs the same, whatever its number of pairs). Files with fewer than two
 * columns have no pair.
 *
 * <p>The reference: the same computation on the ground-truth frame labels of the same pairs
 * ({@code y_f = 1} where a merged event of the label overlaps frame {@code f} by a positive
 * length, as for Spearman alignment). A label without an event in the file, or with one
 * covering every frame, is constant there, so only pairs of labels that both occur (and
 * neither everywhere) count in the reference.
 *
 * <p>Values, for metric name {@code n}: {@code n} (model), {@code n_pairs} (defined pairs),
 * {@code n_constant_pairs} (skipped), {@code n_clips} (files averaged); {@code n_truth},
 * {@code n_truth_pairs}, {@code n_truth_constant_pairs}, {@code n_truth_clips} likewise for
 * the ground truth. Means are NaN without a defined pair. No parameters; durations are not
 * used. Stateless and thread-safe.
 */
@Component(service = Metric.class, configurationPid = CurveCorrelationMetric.PID,
        property = FlamProperties.NAME + "=" + CurveCorrelationMetric.NAME)
@Designate(ocd = CurveCorrelationMetricConfiguration.class)
public final class CurveCorrelationMetric implements Metric {

    static final String PID = "org.flam.metrics.curve.correlation";
    /** {@code flam.name} of this metric. */
    public static final String NAME = "curve-correlation";

    private final String name;

    @Activate
    public CurveCorrelationMetric(CurveCorrelationMetricConfiguration config) {
        this(config.flam_name());
    }

    /** @param name the metric's name */
    CurveCorrelationMetric(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Input input() {
        return Input.FRAME_SCORES;
    }

    @Override
    public MetricResult evaluateScores(Map<String, FrameScores> scores,
            Map<String, List<SoundEvent>> groundTruth, Map<String, Double> durations,
            Map<String, Double> parameters) {
        Parameters.of(parameters, name, Set.of());
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(groundTruth, "groundTruth");
        Accumulator model = new Accumulator();
        Accumulator truth = new Accumulator();
        for (Map.Entry<String, FrameScores> file : scores.entrySet()) {
            FrameScores table = Objects.requireNonNull(file.getValue(), "scores[" + file.getKey() + "]");
            List<String> labels = table.labels();
            int k = labels.size();
            if (k < 2) {
                continue;
            }
            LabelEvents events = LabelEvents.of(groundTruth.get(file.getKey()));
            double[] frames = Times.frameBoundaries(table.grid());
            double[][] modelCurves = new double[k][];
            double[][] truthCurves = new double[k][];
            for (int j = 0; j < k; j++) {
                modelCurves[j] = Pearson.standardised(column(table, j));
                truthCurves[j] = Pearson.standardised(binary(Times.overlapping(frames,
                        events.forLabel(labels.get(j)))));
            }
            model.clip(modelCurves);
            truth.clip(truthCurves);
        }
        Map<String, Double> values = new TreeMap<>();
        model.put(values, name);
        truth.put(values, name + "_truth");
        return new MetricResult(name, values);
    }

    /** Sums over clips of the per-clip mean correlation, and the counts. */
    private static final class Accumulator {
        double sum;
        long clips;
        long pairs;
        long constantPairs;

        /** One clip's standardised curves, {@code null} for a constant one. */
        void clip(double[][] z) {
            double clipSum = 0;
            long clipPairs = 0;
            for (int j = 0; j < z.length; j++) {
                for (int k = j + 1; k < z.length; k++) {
                    if (z[j] == null || z[k] == null) {
                        constantPairs++;
                    } else {
                        clipSum += Pearson.dot(z[j], z[k]);
                        clipPairs++;
                    }
                }
            }
            if (clipPairs > 0) {
                sum += clipSum / clipPairs;
                clips++;
                pairs += clipPairs;
            }
        }

        void put(Map<String, Double> values, String prefix) {
            values.put(prefix, clips == 0 ? Double.NaN : sum / clips);
            values.put(prefix + "_pairs", (double) pairs);
            values.put(prefix + "_constant_pairs", (double) constantPairs);
            values.put(prefix + "_clips", (double) clips);
        }
    }

    private static double[] column(FrameScores table, int k) {
        double[] x = new double[table.frameCount()];
        for (int f = 0; f < x.length; f++) {
            x[f] = table.score(f, k);
        }
        return x;
    }

    private static double[] binary(boolean[] b) {
        double[] d = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            d[i] = b[i] ? 1 : 0;
        }
        return d;
    }
}
