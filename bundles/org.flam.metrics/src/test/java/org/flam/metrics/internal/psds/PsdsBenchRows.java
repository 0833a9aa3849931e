package org.flam.metrics.internal.psds;

import java.util.List;
import java.util.Map;

import org.flam.metrics.MetricsBench;

/** The PSDS rows of {@link MetricsBench}: PSDS1 from frame scores, every distinct score a threshold. */
public final class PsdsBenchRows {

    private PsdsBenchRows() {
    }

    public static List<MetricsBench.Row> rows() {
        PsdsMetric psds1 = new PsdsMetric(PsdsParameters.PSDS1);
        return List.of(new MetricsBench.Row("PSDS1", data -> psds1
                .evaluateScores(data.scores(), data.groundTruth(), data.durations(), Map.of())
                .headline().orElseThrow()));
    }
}
