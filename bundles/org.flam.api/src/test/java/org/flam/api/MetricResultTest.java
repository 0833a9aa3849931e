package org.flam.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flam.api.MetricResult.Curve;
import org.junit.jupiter.api.Test;

class MetricResultTest {

    @Test
    void valuesAreSortedCopiedAndMayBeNaN() {
        Map<String, Double> values = new HashMap<>();
        values.put("auroc/glass", Double.NaN);
        values.put("auroc", 0.91);
        values.put("auroc/dog", 0.95);
        MetricResult r = new MetricResult(MetricResult.AUROC, values);
        values.put("late", 1.0);
        assertEquals(List.of("auroc", "auroc/dog", "auroc/glass"), new ArrayList<>(r.values().keySet()));
        assertEquals(Optional.of(0.91), r.headline());
        assertTrue(r.value("auroc/glass").orElseThrow().isNaN());
        assertEquals(Optional.empty(), r.value("late"));
        assertThrows(UnsupportedOperationException.class, () -> r.values().put("x", 1.0));
    }

    @Test
    void rejectsInfiniteValuesAndBlankNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MetricResult("m", Map.of("m", Double.POSITIVE_INFINITY)));
        assertTrue(e.getMessage().contains("values[m]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MetricResult(" ", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new MetricResult("m", Map.of("", 1.0)));
    }

    @Test
    void curvesCopyTheirPoints() {
        double[] x = {0, 0.5, 1};
        double[] y = {0, 0.8, 1};
        Curve c = new Curve("FPR", "TPR", x, y);
        x[1] = 9;
        c.y()[1] = 9;
        assertArrayEquals(new double[] {0, 0.5, 1}, c.x());
        assertArrayEquals(new double[] {0, 0.8, 1}, c.y());
        assertEquals(3, c.size());
        assertEquals(c, new Curve("FPR", "TPR", new double[] {0, 0.5, 1}, new double[] {0, 0.8, 1}));
        MetricResult r = new MetricResult("auroc", Map.of("auroc", 0.9), Map.of("roc/dog", c));
        assertEquals(c, r.curves().get("roc/dog"));
    }

    @Test
    void curvesNeedPairedNonNaNPoints() {
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> new Curve("x", "y", new double[2], new double[3]));
        assertTrue(len.getMessage().contains("same length"), len.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Curve("x", "y", new double[] {Double.NaN}, new double[1]));
        assertEquals(1, new Curve("threshold", "F1", new double[] {Double.POSITIVE_INFINITY},
                new double[] {0}).size());
    }
}
