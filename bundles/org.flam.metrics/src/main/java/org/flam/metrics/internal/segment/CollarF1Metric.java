package org.flam.metrics.internal.segment;

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
 * Collar-based (event-based) F1 from frame scores, as {@code sed_scores_eval}'s
 * {@code collar_based.fscore}: at the threshold, each label's detected events are the runs
 * of frames scoring {@code > threshold}; they are matched one-to-one to the merged
 * ground-truth events within the collars ({@link CollarMatching}); per label precision,
 * recall and F1 over all files, the headline the macro average. F1 against threshold comes
 * as a curve per label ({@link CollarStatistics}, {@link F1Evaluation}).
 *
 * <p>It reads frame scores rather than detected events because the F1-vs-threshold curve
 * needs the scores; the events at one threshold are derived from them exactly as
 * {@code sed_scores_eval} derives them. Durations are not used.
 *
 * <p>Parameters: {@link Metric#THRESHOLD}, {@code onset_collar}, {@code offset_collar},
 * {@code offset_collar_rate}. Stateless and thread-safe.
 */
@Component(service = Metric.class, configurationPid = CollarF1Metric.PID,
        property = FlamProperties.NAME + "=" + CollarF1Metric.NAME)
@Designate(ocd = CollarF1MetricConfiguration.class)
public final class CollarF1Metric implements Metric {

    static final String PID = "org.flam.metrics.f1.collar";
    /** {@code flam.name} of this metric. */
    public static final String NAME = "f1-collar";

    private static final Set<String> KEYS = Set.of(THRESHOLD, CollarMatching.ONSET_COLLAR,
            CollarMatching.OFFSET_COLLAR, CollarMatching.OFFSET_COLLAR_RATE);

    private final String name;
    private final double threshold;
    private final CollarMatching matching;

    @Activate
    public CollarF1Metric(CollarF1MetricConfiguration config) {
        this(config.flam_name(), config.threshold(),
                new CollarMatching(config.onsetCollar(), config.offsetCollar(), config.offsetCollarRate()));
    }

    /**
     * @param name      the metric's name
     * @param threshold default decision threshold, finite
     * @param matching  default collars
     */
    CollarF1Metric(String name, double threshold, CollarMatching matching) {
        this.name = Objects.requireNonNull(name, "name");
        this.threshold = Parameters.finite(THRESHOLD, threshold);
        this.matching = Objects.requireNonNull(matching, "matching");
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
        CollarMatching m = new CollarMatching(
                p.get(CollarMatching.ONSET_COLLAR, matching.onsetCollar()),
                p.get(CollarMatching.OFFSET_COLLAR, matching.offsetCollar()),
                p.get(CollarMatching.OFFSET_COLLAR_RATE, matching.offsetCollarRate()));
        return F1Evaluation.evaluate(name, CollarStatistics.collect(scores, groundTruth, m), t);
    }
}
