package org.flam.metrics.internal.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.junit.jupiter.api.Test;

/** The best single threshold of the F1 metrics, by hand and against a brute-force search. */
class BestThresholdTest {

    private static final Metric F1 = new SegmentF1Metric(Defaults.of(SegmentF1MetricConfiguration.class));
    private static final Metric COLLAR = new CollarF1Metric(Defaults.of(CollarF1MetricConfiguration.class));

    /** One file of 1-s frames (so 1-s segments score exactly their frame), columns given. */
    private static Map<String, FrameScores> file(List<String> labels, float[]... columns) {
        return Map.of("f", FrameScores.ofColumns(new FrameGrid(1, columns[0].length), labels, columns));
    }

    private static MetricResult f1(Map<String, FrameScores> scores, List<SoundEvent> truth, double threshold) {
        int frames = scores.get("f").frameCount();
        return F1.evaluateScores(scores, Map.of("f", truth), Map.of("f", (double) frames),
                Map.of(Metric.THRESHOLD, threshold));
    }

    private static double v(MetricResult r, String name) {
        return r.value(name).orElseThrow(() -> new AssertionError(name + " missing: " + r.values()));
    }

    @Test
    void twoLabelsByHand() {
        // a: 0.2 0.4 0.6 0.8, positives at 0.4 and 0.8; b: 0.1 0.3 0.7 0.9, positives at 0.7 and 0.9
        Map<String, FrameScores> scores = file(List.of("a", "b"), new float[] {0.2f, 0.4f, 0.6f, 0.8f},
                new float[] {0.1f, 0.3f, 0.7f, 0.9f});
        List<SoundEvent> truth = List.of(new SoundEvent(1, 2, "a"), new SoundEvent(3, 4, "a"),
                new SoundEvent(2, 4, "b"));
        // macro F1 on the intervals of t (detected: score > t):
        // [0,.1) 2/3 | [.1,.2) (2/3+.8)/2 | [.2,.3) .8 | [.3,.4) (.8+1)/2 = .9 | [.4,.6) (.5+1)/2 = .75
        // [.6,.7) (2/3+1)/2 | [.7,.8) 2/3 | [.8,.9) 1/3 | [.9,1) 0
        MetricResult r = f1(scores, truth, 0.5);
        assertEquals(0.75, v(r, "f1-segment"), 1e-15);
        assertEquals(0.9, v(r, "f1-segment_best"), 1e-15);
        assertEquals(0.35, v(r, "f1-segment_best_threshold"), 1e-8, "the midpoint of [0.3, 0.4)");
        assertEquals(0.3f, v(r, "f1-segment_best_threshold_low"), 0);
        assertEquals(0.4f, v(r, "f1-segment_best_threshold_high"), 0);
        // there a detects 0.4, 0.6, 0.8 (P 2/3, R 1) and b 0.7, 0.9 (P 1, R 1)
        assertEquals((2.0 / 3 + 1) / 2, v(r, "f1-segment_best_precision"), 1e-15);
        assertEquals(1.0, v(r, "f1-segment_best_recall"), 1e-15);
        // the metric at the reported threshold gives the best values
        MetricResult at = f1(scores, truth, v(r, "f1-segment_best_threshold"));
        assertEquals(v(r, "f1-segment_best"), v(at, "f1-segment"), 0);
        assertEquals(v(r, "f1-segment_best_precision"), v(at, "f1-segment_precision"), 0);
        assertEquals(v(r, "f1-segment_best_recall"), v(at, "f1-segment_recall"), 0);
        // a threshold inside the best interval is reported as itself
        assertEquals(0.32, v(f1(scores, truth, 0.32), "f1-segment_best_threshold"), 0);
        // the collar-based metric reports the same figures from its own counts
        MetricResult collar = COLLAR.evaluateScores(scores, Map.of("f", truth), Map.of(), Map.of());
        assertTrue(collar.values().containsKey("f1-collar_best_threshold"), collar.values().toString());
    }

    @Test
    void aCalibratedOracleHasItsBestIntervalAroundOneHalf() {
        Map<String, FrameScores> scores = file(List.of("a"), new float[] {0, 1, 1, 0});
        MetricResult r = f1(scores, List.of(new SoundEvent(1, 3, "a")), 0.5);
        assertEquals(1.0, v(r, "f1-segment_best"), 0);
        assertEquals(0.5, v(r, "f1-segment_best_threshold"), 0);
        assertEquals(0.0, v(r, "f1-segment_best_threshold_low"), 0);
        assertEquals(1.0, v(r, "f1-segment_best_threshold_high"), 0);
    }

    @Test
    void tiesGoToTheIntervalNearestTheThresholdThenToTheLowerOne() {
        // positives at 0.25 and 0.75, negatives at 0.375 and 0.625: F1 2/3 on [0, 0.25) (all
        // detected: P 1/2, R 1) and on [0.625, 0.75) (P 1, R 1/2), less elsewhere
        Map<String, FrameScores> scores = file(List.of("a"), new float[] {0.25f, 0.375f, 0.625f, 0.75f});
        List<SoundEvent> truth = List.of(new SoundEvent(0, 1, "a"), new SoundEvent(3, 4, "a"));
        MetricResult half = f1(scores, truth, 0.5);
        assertEquals(2.0 / 3, v(half, "f1-segment_best"), 1e-15);
        assertEquals(0.6875, v(half, "f1-segment_best_threshold"), 0, "0.5 is 0.125 from [0.625, 0.75)");
        assertEquals(0.1, v(f1(scores, truth, 0.1), "f1-segment_best_threshold"), 0, "inside [0, 0.25)");
        // 0.4375 is 0.1875 from both: the lower interval
        assertEquals(0.125, v(f1(scores, truth, 0.4375), "f1-segment_best_threshold"), 0);
    }

    @Test
    void withoutReferencesTheBestIsUndefined() {
        Map<String, FrameScores> scores = file(List.of("a"), new float[] {0.2f, 0.7f});
        MetricResult r = f1(scores, List.of(), 0.5);
        for (String name : List.of("f1-segment_best", "f1-segment_best_threshold", "f1-segment_best_precision",
                "f1-segment_best_recall", "f1-segment_best_threshold_low", "f1-segment_best_threshold_high")) {
            assertTrue(Double.isNaN(v(r, name)), name);
        }
    }

    @Test
    void theSweepFindsWhatABruteForceSearchFinds() {
        Random random = new Random(20250601);
        for (int round = 0; round < 60; round++) {
            int labelCount = 1 + random.nextInt(4);
            List<String> labels = new ArrayList<>();
            for (int k = 0; k < labelCount; k++) {
                labels.add("l" + k);
            }
            Map<String, FrameScores> scores = new TreeMap<>();
            Map<String, List<SoundEvent>> truth = new TreeMap<>();
            Map<String, Double> durations = new TreeMap<>();
            boolean logits = round % 5 == 4;
            for (int file = 0; file < 1 + random.nextInt(4); file++) {
                int frames = 4 + random.nextInt(8);
                float[][] columns = new float[labelCount][frames];
                List<SoundEvent> events = new ArrayList<>();
                for (int k = 0; k < labelCount; k++) {
                    for (int f = 0; f < frames; f++) {
                        // a coarse grid, so scores tie across labels and files
                        columns[k][f] = random.nextInt(11) / 10f;
                        if (logits) {
                            columns[k][f] = columns[k][f] * 8 - 4;
                        }
                        if (random.nextInt(3) == 0) {
                            events.add(new SoundEvent(f, f + 1, labels.get(k)));
                        }
                    }
                }
                String name = "f" + file;
                scores.put(name, FrameScores.ofColumns(new FrameGrid(1, frames), labels, columns));
                truth.put(name, events);
                durations.put(name, (double) frames);
            }
            double reference = random.nextDouble();
            MetricResult r = F1.evaluateScores(scores, truth, durations, Map.of(Metric.THRESHOLD, reference));
            if (Double.isNaN(v(r, "f1-segment_best"))) {
                continue;
            }
            // brute force: every distinct score, and halfway between neighbours, and the range's ends
            TreeSet<Float> distinct = new TreeSet<>();
            scores.values().forEach(t -> {
                for (int f = 0; f < t.frameCount(); f++) {
                    for (float s : t.row(f)) {
                        distinct.add(s);
                    }
                }
            });
            List<Double> candidates = new ArrayList<>(List.of(0.0, 0.999));
            Float previous = null;
            for (float s : distinct) {
                candidates.add((double) s);
                if (previous != null) {
                    candidates.add((previous + s) / 2.0);
                }
                previous = s;
            }
            double low = Math.min(0, distinct.first());
            double high = Math.max(1, distinct.last());
            double max = Double.NEGATIVE_INFINITY;
            for (double t : candidates) {
                if (t >= low && t < high) {
                    max = Math.max(max, v(F1.evaluateScores(scores, truth, durations, Map.of(Metric.THRESHOLD, t)),
                            "f1-segment"));
                }
            }
            String where = "round " + round + ": " + r.values();
            assertEquals(max, v(r, "f1-segment_best"), 1e-12, where);
            double t = v(r, "f1-segment_best_threshold");
            assertTrue(t >= v(r, "f1-segment_best_threshold_low") && t < v(r, "f1-segment_best_threshold_high"),
                    where);
            assertEquals(v(r, "f1-segment_best"),
                    v(F1.evaluateScores(scores, truth, durations, Map.of(Metric.THRESHOLD, t)), "f1-segment"), 0,
                    where);
        }
    }
}
