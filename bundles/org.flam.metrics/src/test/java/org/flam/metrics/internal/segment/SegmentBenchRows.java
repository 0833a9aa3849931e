package org.flam.metrics.internal.segment;

import java.util.List;
import java.util.Map;

import org.flam.api.spi.Metric;
import org.flam.metrics.MetricsBench;

/** The segment-based ROC rows of {@link MetricsBench}: AUROC (0.3125 s segments) and MPAUC (1 s, FPR <= 0.1). */
public final class SegmentBenchRows {

    private SegmentBenchRows() {
    }

    public static List<MetricsBench.Row> rows() {
        Metric auroc = new AurocMetric(Defaults.of(AurocMetricConfiguration.class));
        Metric mpauc = new MpaucMetric(Defaults.of(MpaucMetricConfiguration.class));
        return List.of(row("AUROC", auroc), row("MPAUC", mpauc));
    }

    private static MetricsBench.Row row(String name, Metric metric) {
        return new MetricsBench.Row(name, data -> metric
                .evaluateScores(data.scores(), data.groundTruth(), data.durations(), Map.of())
                .headline().orElseThrow());
    }
}
