package org.flam.metrics.internal.segment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.flam.api.FlamProperties;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Segment-based F1 (Mesaros et al., 2016, as {@code sed_scores_eval}'s
 * {@code segment_based.fscore}): the segments of {@link SegmentStatistics} (1 s by default,
 * score = max over overlapping frames, target = overlaps a ground-truth event), a segment
 * detected where its score is {@code > threshold}; per label precision, recall and F1 over
 * all segments of all files, the headline the macro average. The references are the
 * positive segments. F1 against threshold comes as a curve per label; see
 * {@link F1Evaluation} for the values and the threshold rules.
 *
 * <p>Parameters: {@link Metric#THRESHOLD}, {@link Metric#SEGMENT_SECONDS}. Stateless and
 * thread-safe.
 */
@Component(service = Metric.class, configurationPid = SegmentF1Metric.PID,
        property = FlamProperties.NAME + "=" + SegmentF1Metric.NAME)
@Designate(ocd = SegmentF1MetricConfiguration.class)
public final class SegmentF1Metric implements Metric {

    static final String PID = "org.flam.metrics.f1.segment";
    /** {@code flam.name} of this metric. */
    public static final String NAME = "f1-segment";

    private static final Set<String> KEYS = Set.of(THRESHOLD, SEGMENT_SECONDS);

    private final String name;
    private final double threshold;
    private final double segmentSeconds;

    @Activate
    public SegmentF1Metric(SegmentF1MetricConfiguration config) {
        this(config.flam_name(), config.threshold(), config.segmentSeconds());
    }

    /**
     * @param name           the metric's name
     * @param threshold      default decision threshold, finite
     * @param segmentSeconds default segment length in seconds, finite, {@code > 0}
     */
    SegmentF1Metric(String name, double threshold, double segmentSeconds) {
        this.name = Objects.requireNonNull(name, "name");
        this.threshold = Parameters.finite(THRESHOLD, threshold);
        this.segmentSeconds = Parameters.positive(SEGMENT_SECONDS, segmentSeconds);
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
        Parameters p = Parameters.of(parameters, name, KEYS);
        double t = Parameters.finite(THRESHOLD, p.get(THRESHOLD, threshold));
        double segment = Parameters.positive(SEGMENT_SECONDS, p.get(SEGMENT_SECONDS, segmentSeconds));
        Map<String, LabelCounts> labels = new LinkedHashMap<>();
        SegmentStatistics.collect(scores, groundTruth, durations, segment)
                .forEach((label, curve) -> labels.put(label, new LabelCounts(curve, curve.totalTp())));
        return F1Evaluation.evaluate(name, labels, t);
    }
}
