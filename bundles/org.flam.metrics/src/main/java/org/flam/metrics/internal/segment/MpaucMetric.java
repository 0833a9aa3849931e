package org.flam.metrics.internal.segment;


import org.flam.api.FlamProperties;
import org.flam.api.MetricResult;
import org.flam.api.spi.Metric;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * MPAUC (SPEC §6): the segment-based ROC of {@link AurocMetric} with 1 s segments, its area
 * up to FPR 0.1 divided by 0.1 (no McClish correction; a perfect label scores 1, a random
 * one about 0.05), mean over labels. See {@link Roc} for the partial area and
 * {@link SegmentRoc} for the values.
 *
 * <p>Parameters: {@link Metric#SEGMENT_SECONDS}, {@link Metric#MAX_FPR}. Stateless and
 * thread-safe.
 */
@Component(service = Metric.class, configurationPid = MpaucMetric.PID,
        property = FlamProperties.NAME + "=" + MpaucMetric.NAME)
@Designate(ocd = MpaucMetricConfiguration.class)
public final class MpaucMetric extends SegmentRocMetric {

    static final String PID = "org.flam.metrics.mpauc";
    /** {@code flam.name} of this metric, {@link MetricResult#MPAUC}. */
    public static final String NAME = MetricResult.MPAUC;

    @Activate
    public MpaucMetric(MpaucMetricConfiguration config) {
        this(config.flam_name(), config.segmentSeconds(), config.maxFpr());
    }

    /**
     * @param name           the metric's name
     * @param segmentSeconds default segment length in seconds, {@code > 0}
     * @param maxFpr         default upper FPR, in {@code (0, 1]}
     */
    MpaucMetric(String name, double segmentSeconds, double maxFpr) {
        super(name, segmentSeconds, maxFpr);
    }
}
