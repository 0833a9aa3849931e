package org.flam.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flam.api.ModelManifest;
import org.junit.jupiter.api.Test;

class TrainingRecordsTest {

    @Test
    void progressReportsFractionAndTotalLoss() {
        Map<String, Double> terms = new HashMap<>(Map.of("global", 2.0, "sed", 0.5, "prior", 0.25));
        TrainingProgress p = new TrainingProgress(25, 100, terms, 12.5, Double.NaN);
        terms.put("global", 100.0);
        assertEquals(0.25, p.fraction(), 0.0);
        assertEquals(2.75, p.totalLoss(), 1e-12);
        assertEquals(List.of("global", "prior", "sed"), List.copyOf(p.lossTerms().keySet()));
        assertTrue(Double.isNaN(p.etaSeconds()));
    }

    @Test
    void progressKeepsDivergedLossButRejectsBadCounts() {
        assertTrue(Double.isNaN(new TrainingProgress(1, 1, Map.of("sed", Double.NaN), 0, 0)
                .totalLoss()));
        IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
                () -> new TrainingProgress(11, 10, Map.of(), 1, 1));
        assertTrue(step.getMessage().contains("step"), step.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingProgress(0, 0, Map.of(), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainingProgress(-1, 5, Map.of(), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainingProgress(1, 5, Map.of(), -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainingProgress(1, 5, Map.of(), 1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingProgress(1, 5, Map.of(), 1, Double.POSITIVE_INFINITY));
    }

    @Test
    void requestRefusesToTrainIntoItsOwnStartingPoint() {
        Path model = Path.of("models", "stage2");
        TrainingRequest r = new TrainingRequest(Path.of("data"), model, Path.of("models/stage1"),
                1, 100, 8, false);
        assertEquals(Optional.of(Path.of("models/stage1")), r.initial());
        assertEquals(Optional.empty(),
                new TrainingRequest(Path.of("data"), model, null, 1, 100, 8, false).initial());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingRequest(Path.of("data"), model, Path.of("models/./stage2"),
                        1, 100, 8, true));
        assertTrue(e.getMessage().contains("initialModel"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingRequest(Path.of("data"), model, null, 1, 0, 8, false));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingRequest(Path.of("data"), model, null, 1, 10, 0, false));
    }

    @Test
    void resultValidates() {
        ModelManifest m = new ModelManifest(List.of(), Map.of(), 1, "00", Instant.EPOCH, "");
        TrainingResult r = new TrainingResult(Path.of("m"), m, 10, Map.of("global", 1.0), 3.5);
        assertEquals(10, r.steps());
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingResult(Path.of("m"), m, 0, Map.of(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingResult(Path.of("m"), m, 1, Map.of(), Double.NaN));
        assertThrows(NullPointerException.class,
                () -> new TrainingResult(Path.of("m"), null, 1, Map.of(), 1));
    }
}
