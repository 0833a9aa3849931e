package org.flam.metrics.internal.segment;


import org.flam.api.FlamProperties;
import org.flam.api.MetricResult;
import org.flam.api.spi.Metric;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Segment-based AUROC (SPEC §6): each file cut into 0.3125 s segments (configurable), a
 * segment's score the maximum over the frames overlapping it, its target whether a
 * ground-truth event of the label overlaps it; per label the area under the ROC over all
 * segments of all files, ties credited one half (the normalised Mann-Whitney statistic,
 * {@link Roc}); the headline the mean over labels. See {@link SegmentRoc} for the values and
 * {@link SegmentStatistics} for which labels each file is evaluated on.
 *
 * <p>Parameters: {@link Metric#SEGMENT_SECONDS}, {@link Metric#MAX_FPR}. Stateless and
 * thread-safe.
 */
@Component(service = Metric.class, configurationPid = AurocMetric.PID,
        property = FlamProperties.NAME + "=" + AurocMetric.NAME)
@Designate(ocd = AurocMetricConfiguration.class)
public final class AurocMetric extends SegmentRocMetric {

    static final String PID = "org.flam.metrics.auroc";
    /** {@code flam.name} of this metric, {@link MetricResult#AUROC}. */
    public static final String NAME = MetricResult.AUROC;

    @Activate
    public AurocMetric(AurocMetricConfiguration config) {
        this(config.flam_name(), config.segmentSeconds(), config.maxFpr());
    }

    /**
     * @param name           the metric's name
     * @param segmentSeconds default segment length in seconds, {@code > 0}
     * @param maxFpr         default upper FPR, in {@code (0, 1]}
     */
    AurocMetric(String name, double segmentSeconds, double maxFpr) {
        super(name, segmentSeconds, maxFpr);
    }
}
