package org.flam.metrics.internal.segment;

import java.util.List;
import java.util.Map;

import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;

/**
 * What {@link AurocMetric} and {@link MpaucMetric} share: a {@link SegmentRoc} with default
 * segment length and maximum FPR; the two differ only in their name, defaults and
 * configuration. Stateless and thread-safe.
 */
abstract class SegmentRocMetric implements Metric {

    private final SegmentRoc roc;

    /**
     * @param name           the metric's name
     * @param segmentSeconds default segment length in seconds, {@code > 0}
     * @param maxFpr         default upper FPR, in {@code (0, 1]}
     */
    SegmentRocMetric(String name, double segmentSeconds, double maxFpr) {
        this.roc = new SegmentRoc(name, new SegmentRoc.Settings(segmentSeconds, maxFpr));
    }

    @Override
    public final String name() {
        return roc.name();
    }

    @Override
    public final Input input() {
        return Input.FRAME_SCORES;
    }

    @Override
    public final MetricResult evaluateScores(Map<String, FrameScores> scores,
            Map<String, List<SoundEvent>> groundTruth, Map<String, Double> durations,
            Map<String, Double> parameters) {
        return roc.evaluate(scores, groundTruth, durations, parameters);
    }
}
