package org.flam.metrics.internal.ranking;

import java.util.LinkedHashMap;
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
 * Spearman alignment (SPEC §6): how well a label's frame outputs follow its ground truth in
 * time, independent of calibration.
 *
 * <p>One sample per captioned event, that is per file and label that is a column of the
 * file's score table and has at least one ground-truth event (events of one label that
 * overlap or touch are merged; several events of one label in a clip make one binary
 * target, since the frames of the others must not count as negatives). Over the clip's
 * {@code F} frames, {@code x_f} is the label's score and {@code y_f = 1} where a ground-truth
 * event overlaps frame {@code f} by a positive length (boundaries rounded to 6 decimals, as
 * segments are), else 0; the sample is Spearman's ρ of {@code x} and {@code y} with average
 * ranks for ties ({@link Spearman}).
 *
 * <p><b>Undefined samples.</b> ρ is undefined where either side is constant: the event
 * covers every frame, or the scores are all equal (also a one-frame clip). Such samples are
 * skipped and counted, never scored 0, since 0 would claim "no alignment" where there is no
 * information.
 *
 * <p>Values: {@code spearman}, the mean ρ over defined samples (NaN if none);
 * {@code spearman/<label>}, the mean over that label's defined samples (NaN if none);
 * {@code spearman_events}, the number of defined samples; {@code spearman_undefined}, the
 * number skipped. No parameters; durations are not used. Stateless and thread-safe.
 */
@Component(service = Metric.class, configurationPid = SpearmanMetric.PID,
        property = FlamProperties.NAME + "=" + SpearmanMetric.NAME)
@Designate(ocd = SpearmanMetricConfiguration.class)
public final class SpearmanMetric implements Metric {

    static final String PID = "org.flam.metrics.spearman";
    /** {@code flam.name} of this metric, {@link MetricResult#SPEARMAN}. */
    public static final String NAME = MetricResult.SPEARMAN;

    private final String name;

    @Activate
    public SpearmanMetric(SpearmanMetricConfiguration config) {
        this(config.flam_name());
    }

    /** @param name the metric's name */
    SpearmanMetric(String name) {
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
        Map<String, double[]> perLabel = new LinkedHashMap<>(); // label -> {sum, count}
        double sum = 0;
        int defined = 0;
        int undefined = 0;
        for (Map.Entry<String, FrameScores> file : scores.entrySet()) {
            FrameScores table = Objects.requireNonNull(file.getValue(), "scores[" + file.getKey() + "]");
            LabelEvents truth = LabelEvents.of(groundTruth.get(file.getKey()));
            double[] frames = Times.frameBoundaries(table.grid());
            for (String label : table.labels()) {
                List<SoundEvent> events = truth.forLabel(label);
                if (events.isEmpty()) {
                    continue;
                }
                double rho = Spearman.rho(toDouble(table.column(label)), binary(Times.overlapping(frames, events)));
                double[] acc = perLabel.computeIfAbsent(label, l -> new double[2]);
                if (Double.isNaN(rho)) {
                    undefined++;
                } else {
                    sum += rho;
                    defined++;
                    acc[0] += rho;
                    acc[1]++;
                }
            }
        }
        Map<String, Double> values = new TreeMap<>();
        perLabel.forEach((label, acc) -> values.put(name + "/" + label, acc[1] == 0 ? Double.NaN : acc[0] / acc[1]));
        values.put(name, defined == 0 ? Double.NaN : sum / defined);
        values.put(name + "_events", (double) defined);
        values.put(name + "_undefined", (double) undefined);
        return new MetricResult(name, values);
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    private static double[] binary(boolean[] b) {
        double[] d = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            d[i] = b[i] ? 1 : 0;
        }
        return d;
    }
}
