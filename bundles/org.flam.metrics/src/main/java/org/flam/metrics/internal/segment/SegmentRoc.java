package org.flam.metrics.internal.segment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.MetricResult.Curve;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;

/**
 * The segment-based ROC evaluation behind {@link AurocMetric} and {@link MpaucMetric}: per
 * label, the {@link Roc} of {@link SegmentStatistics} and its (partial) area; the headline is
 * the mean over labels.
 *
 * <p>Result, for metric name {@code n}:
 * <ul>
 *   <li>{@code n}: mean of the per-label areas over the labels whose ROC exists;</li>
 *   <li>{@code n/<label>}: the label's area, NaN where its ROC does not exist (no positive or
 *       no negative segment);</li>
 *   <li>{@code n_undefined_labels}: how many labels were NaN and left out of the mean
 *       ({@code sed_scores_eval}'s mean would be NaN then);</li>
 *   <li>curves {@code n/<label>}: the label's ROC, TPR against FPR (labels with a ROC).</li>
 * </ul>
 *
 * @param name     the metric name, prefix of every value and curve
 * @param defaults the configured segment length and maximum FPR
 */
record SegmentRoc(String name, Settings defaults) {

    private static final Set<String> KEYS = Set.of(Metric.SEGMENT_SECONDS, Metric.MAX_FPR);

    SegmentRoc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaults, "defaults");
    }

    /**
     * Segment length and the FPR up to which the area is taken.
     *
     * @param segmentSeconds segment length in seconds, finite, {@code > 0}
     * @param maxFpr         upper FPR of the area, in {@code (0, 1]}; 1 is the full area
     */
    record Settings(double segmentSeconds, double maxFpr) {

        /** @throws IllegalArgumentException if a value is out of range */
        Settings {
            Parameters.positive(Metric.SEGMENT_SECONDS, segmentSeconds);
            if (!(maxFpr > 0 && maxFpr <= 1)) {
                throw new IllegalArgumentException(Metric.MAX_FPR + " must be in (0, 1], got " + maxFpr);
            }
        }
    }

    /** As {@link Metric#evaluateScores}, with {@code parameters} over {@link #defaults()}. */
    MetricResult evaluate(Map<String, FrameScores> scores, Map<String, List<SoundEvent>> groundTruth,
            Map<String, Double> durations, Map<String, Double> parameters) {
        Parameters p = Parameters.of(parameters, name, KEYS);
        Settings s = new Settings(p.get(Metric.SEGMENT_SECONDS, defaults.segmentSeconds()),
                p.get(Metric.MAX_FPR, defaults.maxFpr()));
        Map<String, Double> values = new TreeMap<>();
        Map<String, Curve> curves = new TreeMap<>();
        double sum = 0;
        int defined = 0;
        int undefined = 0;
        for (Map.Entry<String, ThresholdCurve> e
                : SegmentStatistics.collect(scores, groundTruth, durations, s.segmentSeconds()).entrySet()) {
            Roc roc = new Roc(e.getValue());
            double area = roc.area(s.maxFpr());
            values.put(name + "/" + e.getKey(), area);
            if (roc.defined()) {
                curves.put(name + "/" + e.getKey(), roc.curve());
                sum += area;
                defined++;
            } else {
                undefined++;
            }
        }
        values.put(name, defined == 0 ? Double.NaN : sum / defined);
        values.put(name + "_undefined_labels", (double) undefined);
        return new MetricResult(name, values, curves);
    }
}
