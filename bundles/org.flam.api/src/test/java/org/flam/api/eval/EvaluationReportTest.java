package org.flam.api.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    @Test
    void copiesAndSortsMetricsAndFiles() {
        Map<String, Double> metrics = new HashMap<>(Map.of("psds1", 0.3, "auroc", 0.9));
        List<Path> files = new ArrayList<>(List.of(Path.of("out/report.json")));
        EvaluationReport r = new EvaluationReport(Path.of("m"), Path.of("d"), metrics, files);
        metrics.put("late", 1.0);
        files.add(Path.of("late"));
        assertEquals(List.of("auroc", "psds1"), List.copyOf(r.metrics().keySet()));
        assertEquals(List.of(Path.of("out/report.json")), r.files());
    }

    @Test
    void rejectsInfiniteMetrics() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EvaluationReport(Path.of("m"), Path.of("d"),
                        Map.of("auroc", Double.NEGATIVE_INFINITY), List.of()));
        assertTrue(e.getMessage().contains("metrics[auroc]"), e.getMessage());
        assertTrue(new EvaluationReport(Path.of("m"), Path.of("d"), Map.of("auroc", Double.NaN),
                List.of()).metrics().get("auroc").isNaN());
    }
}
