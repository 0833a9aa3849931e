package org.flam.metrics.internal.frame;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.flam.api.FlamProperties;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.MetricResult.Curve;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.flam.metrics.internal.segment.LabelEvents;
import org.flam.metrics.internal.segment.Parameters;
import org.flam.metrics.internal.segment.Times;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Mean score of positive frames by frame position: does a model suppress its outputs near
 * the edges of a clip (where its encoder sees padding)?
 *
 * <p>A positive frame is a frame {@code f} of a file and a label that is a column of the
 * file's table such that a (merged) ground-truth event of the label overlaps the frame by a
 * positive length (as for Spearman alignment); its value is the label's score there (the
 * scores as given: the evaluator's median filter has already been applied). With
 * {@code F_c} the frame count of file {@code c}, frames are indexed from the file's start:
 *
 * <ul>
 *   <li>profile: for {@code f = 0 .. F - 1} ({@code F} the largest frame count), the mean
 *       value over the positive frames at index {@code f} of every file and label (NaN where
 *       there is none);</li>
 *   <li>first two: positive frames at {@code f < 2}; last two: at {@code f >= F_c - 2} of
 *       their own file; mid: at {@code floor(F_c/4) <= f < ceil(3 F_c/4)}, the middle half
 *       (frames 8 to 23 of 32); each a mean pooled over all its positive frames;</li>
 *   <li>ratios: first two / mid and last two / mid (1 when the edges score as the middle,
 *       below 1 for an edge suppression; NaN where either mean is undefined or mid is 0).</li>
 * </ul>
 *
 * <p>Values, for metric name {@code n}: {@code n}, the mean over all positive frames;
 * {@code n_count}, their number; {@code n_frame_<f>}, the profile, {@code f} zero-padded to the
 * digits of {@code F - 1} (so the names sort by position); {@code n_first2}, {@code n_mid},
 * {@code n_last2} with {@code n_first2_count}, {@code n_mid_count}, {@code n_last2_count};
 * {@code n_first2_ratio}, {@code n_last2_ratio}; {@code n_frames}, {@code F}. Curve
 * {@code n}: the profile against frame index (indices with a positive frame). No
 * parameters; durations are not used. Stateless and thread-safe.
 */
@Component(service = Metric.class, configurationPid = PositionProfileMetric.PID,
        property = FlamProperties.NAME + "=" + PositionProfileMetric.NAME)
@Designate(ocd = PositionProfileMetricConfiguration.class)
public final class PositionProfileMetric implements Metric {

    static final String PID = "org.flam.metrics.position.profile";
    /** {@code flam.name} of this metric. */
    public static final String NAME = "position-profile";

    private final String name;

    @Activate
    public PositionProfileMetric(PositionProfileMetricConfiguration config) {
        this(config.flam_name());
    }

    /** @param name the metric's name */
    PositionProfileMetric(String name) {
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

    /** First index of the middle half of {@code frames} frames, {@code floor(F/4)}. */
    static int midStart(int frames) {
        return frames / 4;
    }

    /** End (exclusive) of the middle half of {@code frames} frames, {@code ceil(3F/4)}. */
    static int midEnd(int frames) {
        return (3 * frames + 3) / 4;
    }

    @Override
    public MetricResult evaluateScores(Map<String, FrameScores> scores,
            Map<String, List<SoundEvent>> groundTruth, Map<String, Double> durations,
            Map<String, Double> parameters) {
        Parameters.of(parameters, name, Set.of());
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(groundTruth, "groundTruth");
        int maxFrames = 0;
        for (Map.Entry<String, FrameScores> file : scores.entrySet()) {
            maxFrames = Math.max(maxFrames,
                    Objects.requireNonNull(file.getValue(), "scores[" + file.getKey() + "]").frameCount());
        }
        double[] sum = new double[maxFrames];
        long[] count = new long[maxFrames];
        Mean all = new Mean();
        Mean first = new Mean();
        Mean mid = new Mean();
        Mean last = new Mean();
        for (Map.Entry<String, FrameScores> file : scores.entrySet()) {
            FrameScores table = file.getValue();
            int frames = table.frameCount();
            LabelEvents events = LabelEvents.of(groundTruth.get(file.getKey()));
            double[] boundaries = Times.frameBoundaries(table.grid());
            for (int k = 0; k < table.labels().size(); k++) {
                List<SoundEvent> labelEvents = events.forLabel(table.labels().get(k));
                if (labelEvents.isEmpty()) {
                    continue;
                }
                boolean[] positive = Times.overlapping(boundaries, labelEvents);
                for (int f = 0; f < frames; f++) {
                    if (!positive[f]) {
                        continue;
                    }
                    double v = table.score(f, k);
                    sum[f] += v;
                    count[f]++;
                    all.add(v);
                    if (f < 2) {
                        first.add(v);
                    }
                    if (f >= frames - 2) {
                        last.add(v);
                    }
                    if (f >= midStart(frames) && f < midEnd(frames)) {
                        mid.add(v);
                    }
                }
            }
        }
        Map<String, Double> values = new TreeMap<>();
        values.put(name, all.mean());
        values.put(name + "_count", (double) all.count);
        values.put(name + "_frames", (double) maxFrames);
        int digits = String.valueOf(Math.max(0, maxFrames - 1)).length();
        double[] x = new double[maxFrames];
        double[] y = new double[maxFrames];
        int points = 0;
        for (int f = 0; f < maxFrames; f++) {
            double mean = count[f] == 0 ? Double.NaN : sum[f] / count[f];
            values.put(name + "_frame_" + String.format(Locale.ROOT, "%0" + digits + "d", f), mean);
            if (count[f] > 0) {
                x[points] = f;
                y[points] = mean;
                points++;
            }
        }
        values.put(name + "_first2", first.mean());
        values.put(name + "_mid", mid.mean());
        values.put(name + "_last2", last.mean());
        values.put(name + "_first2_count", (double) first.count);
        values.put(name + "_mid_count", (double) mid.count);
        values.put(name + "_last2_count", (double) last.count);
        values.put(name + "_first2_ratio", ratio(first.mean(), mid.mean()));
        values.put(name + "_last2_ratio", ratio(last.mean(), mid.mean()));
        Map<String, Curve> curves = points == 0 ? Map.of() : Map.of(name, new Curve("frame index",
                "mean score of positive frames", Arrays.copyOf(x, points), Arrays.copyOf(y, points)));
        return new MetricResult(name, values, curves);
    }

    private static double ratio(double edge, double mid) {
        return Double.isNaN(edge) || Double.isNaN(mid) || mid == 0 ? Double.NaN : edge / mid;
    }

    /** A running sum and count. */
    private static final class Mean {
        double sum;
        long count;

        void add(double v) {
            sum += v;
            count++;
        }

        double mean() {
            return count == 0 ? Double.NaN : sum / count;
        }
    }
}
