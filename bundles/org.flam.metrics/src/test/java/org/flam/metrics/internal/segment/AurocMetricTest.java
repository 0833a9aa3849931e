package org.flam.metrics.internal.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.junit.jupiter.api.Test;

class AurocMetricTest {

    private static final Metric AUROC = new AurocMetric("auroc", 0.3125, 1);

    /** One file, one label, one frame per second, {@code scores[f]} for frame f. */
    private static FrameScores perSecond(String label, float... scores) {
        return FrameScores.ofColumns(new FrameGrid(1, scores.length), List.of(label), new float[][] {scores});
    }

    @Test
    void filesWithoutEventsContributeNegativeSegments() {
        // file a: segment [0,1) positive (0.8), [1,2) negative (0.3); file b: both negative (0.9, 0.1)
        Map<String, FrameScores> scores = new LinkedHashMap<>();
        scores.put("a", perSecond("dog", 0.8f, 0.3f));
        scores.put("b", perSecond("dog", 0.9f, 0.1f));
        Map<String, Double> durations = Map.of("a", 2.0, "b", 2.0);
        Map<String, List<SoundEvent>> absent = Map.of("a", List.of(new SoundEvent(0.2, 0.9, "dog")));
        Map<String, List<SoundEvent>> empty = Map.of("a", List.of(new SoundEvent(0.2, 0.9, "dog")), "b", List.of());
        Map<String, Double> oneSecond = Map.of(Metric.SEGMENT_SECONDS, 1.0);
        // positive {0.8} against negatives {0.3, 0.9, 0.1}: 2 of 3 pairs
        assertEquals(2.0 / 3, AUROC.evaluateScores(scores, absent, durations, oneSecond).headline().orElseThrow(), 1e-15);
        assertEquals(2.0 / 3, AUROC.evaluateScores(scores, empty, durations, oneSecond).headline().orElseThrow(), 1e-15);
        scores.remove("b");
        assertEquals(1, AUROC.evaluateScores(scores, absent, durations, oneSecond).headline().orElseThrow(), 0);
    }

    @Test
    void partialAreaThroughTheMetricByHand() {
        // frames = 1 s segments; positives {0.9, 0.6, 0.6}, negatives {0.8, 0.6, 0.2, 0.1} (RocTest: 7/18 up to 3/8)
        FrameScores scores = perSecond("x", 0.9f, 0.8f, 0.6f, 0.6f, 0.6f, 0.2f, 0.1f);
        List<SoundEvent> truth = List.of(new SoundEvent(0, 1, "x"), new SoundEvent(2, 3, "x"),
                new SoundEvent(4, 5, "x"));
        Metric mpauc = new MpaucMetric("mpauc", 1, 0.1);
        MetricResult r = mpauc.evaluateScores(Map.of("f", scores), Map.of("f", truth), Map.of("f", 7.0),
                Map.of(Metric.MAX_FPR, 0.375));
        assertEquals(7.0 / 18, r.headline().orElseThrow(), 1e-15);
        assertEquals(7.0 / 18, r.value("mpauc/x").orElseThrow(), 1e-15);
        assertEquals(6, r.curves().get("mpauc/x").size());
        // 0.6 ties 0.6: the full area is Mann-Whitney's 9/12
        assertEquals(0.75, mpauc.evaluateScores(Map.of("f", scores), Map.of("f", truth), Map.of("f", 7.0),
                Map.of(Metric.MAX_FPR, 1.0)).headline().orElseThrow(), 1e-15);
    }

    @Test
    void eachFileIsEvaluatedOnlyOnItsOwnLabels() {
        Map<String, FrameScores> scores = Map.of(
                "a", perSecond("dog barks", 0.9f, 0.1f),
                "b", perSecond("glass breaks", 0.2f, 0.7f));
        Map<String, List<SoundEvent>> truth = Map.of(
                // "glass breaks" in a is not one of a's columns: ignored, not an error
                "a", List.of(new SoundEvent(0, 1, "dog barks"), new SoundEvent(1, 2, "glass breaks")),
                "b", List.of(new SoundEvent(1, 2, "glass breaks")));
        MetricResult r = AUROC.evaluateScores(scores, truth, Map.of("a", 2.0, "b", 2.0),
                Map.of(Metric.SEGMENT_SECONDS, 1.0));
        assertEquals(1, r.value("auroc/dog barks").orElseThrow(), 0);
        assertEquals(1, r.value("auroc/glass breaks").orElseThrow(), 0);
        assertEquals(1, r.headline().orElseThrow(), 0);
        assertEquals(0, r.value("auroc_undefined_labels").orElseThrow(), 0);
    }

    @Test
    void labelWithoutPositivesIsNaNAndLeftOutOfTheMean() {
        FrameScores scores = FrameScores.ofColumns(new FrameGrid(1, 2), List.of("a", "b"),
                new float[][] {{0.9f, 0.1f}, {0.5f, 0.4f}});
        MetricResult r = AUROC.evaluateScores(Map.of("f", scores), Map.of("f", List.of(new SoundEvent(0, 1, "a"))),
                Map.of("f", 2.0), Map.of(Metric.SEGMENT_SECONDS, 1.0));
        assertTrue(Double.isNaN(r.value("auroc/b").orElseThrow()));
        assertFalse(r.curves().containsKey("auroc/b"));
        assertEquals(1, r.headline().orElseThrow(), 0);
        assertEquals(1, r.value("auroc_undefined_labels").orElseThrow(), 0);
    }

    @Test
    void equalsMannWhitneyOverFramesWhenSegmentsAreFrames() {
        // 0.3125 s segments on a 3.2 fps grid are the frames, so the AUROC is the Mann-Whitney
        // statistic of frame scores against "a ground-truth event overlaps the frame", computed here directly
        SplittableRandom random = new SplittableRandom(11);
        List<String> labels = List.of("a", "b", "c");
        Map<String, FrameScores> scores = new HashMap<>();
        Map<String, List<SoundEvent>> truth = new HashMap<>();
        Map<String, Double> durations = new HashMap<>();
        Map<String, List<double[]>> positives = new HashMap<>();
        Map<String, List<double[]>> negatives = new HashMap<>();
        for (int file = 0; file < 30; file++) {
            float[][] columns = new float[3][32];
            List<SoundEvent> events = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                double onset = random.nextDouble(9);
                SoundEvent e = new SoundEvent(onset, onset + 0.05 + random.nextDouble(10 - onset - 0.05), labels.get(k));
                if (random.nextBoolean()) {
                    events.add(e);
                }
                for (int f = 0; f < 32; f++) {
                    columns[k][f] = random.nextInt(9) / 8f; // nine levels: many ties
                    boolean target = events.contains(e) && f * 0.3125 < e.offset() && (f + 1) * 0.3125 > e.onset();
                    (target ? positives : negatives).computeIfAbsent(labels.get(k), l -> new ArrayList<>())
                            .add(new double[] {columns[k][f]});
                }
            }
            scores.put("f" + file, FrameScores.ofColumns(new FrameGrid(3.2, 32), labels, columns));
            truth.put("f" + file, events);
            durations.put("f" + file, 10.0);
        }
        MetricResult r = AUROC.evaluateScores(scores, truth, durations, Map.of());
        double mean = 0;
        for (String label : labels) {
            double u = 0;
            for (double[] p : positives.get(label)) {
                for (double[] n : negatives.get(label)) {
                    u += p[0] > n[0] ? 1 : p[0] == n[0] ? 0.5 : 0;
                }
            }
            double expected = u / positives.get(label).size() / negatives.get(label).size();
            assertEquals(expected, r.value("auroc/" + label).orElseThrow(), 1e-14, label);
            mean += expected / 3;
        }
        assertEquals(mean, r.headline().orElseThrow(), 1e-14);
    }

    @Test
    void defaultsAreTheSpecValues() {
        // one label over 2.5 s of 3.2 fps frames: 0.3125 s segments are frames, 1 s segments are not
        FrameScores scores = FrameScores.ofColumns(new FrameGrid(3.2, 8), List.of("x"),
                new float[][] {{0.1f, 0.2f, 0.9f, 0.3f, 0.35f, 0.8f, 0.25f, 0.4f}});
        Map<String, List<SoundEvent>> truth = Map.of("f", List.of(new SoundEvent(0.7, 1.2, "x")));
        Map<String, Double> durations = Map.of("f", 2.5);
        Metric auroc = new AurocMetric(Defaults.of(AurocMetricConfiguration.class));
        Metric mpauc = new MpaucMetric(Defaults.of(MpaucMetricConfiguration.class));
        assertEquals("auroc", auroc.name());
        assertEquals("mpauc", mpauc.name());
        assertEquals(Metric.Input.FRAME_SCORES, mpauc.input());
        assertEquals(new AurocMetric("auroc", 0.3125, 1).evaluateScores(Map.of("f", scores), truth, durations, Map.of()),
                auroc.evaluateScores(Map.of("f", scores), truth, durations, Map.of()));
        assertEquals(new MpaucMetric("mpauc", 1, 0.1).evaluateScores(Map.of("f", scores), truth, durations, Map.of()),
                mpauc.evaluateScores(Map.of("f", scores), truth, durations, Map.of()));
    }

    @Test
    void rejectsUnknownParametersBadValuesAndMissingDurations() {
        Map<String, FrameScores> scores = Map.of("f", perSecond("x", 0.5f, 0.2f));
        Map<String, List<SoundEvent>> truth = Map.of();
        Map<String, Double> durations = Map.of("f", 2.0);
        assertThrows(IllegalArgumentException.class,
                () -> AUROC.evaluateScores(scores, truth, durations, Map.of(Metric.THRESHOLD, 0.5)));
        assertThrows(IllegalArgumentException.class,
                () -> AUROC.evaluateScores(scores, truth, durations, Map.of(Metric.MAX_FPR, 0.0)));
        assertThrows(IllegalArgumentException.class,
                () -> AUROC.evaluateScores(scores, truth, durations, Map.of(Metric.SEGMENT_SECONDS, -1.0)));
        assertThrows(IllegalArgumentException.class,
                () -> AUROC.evaluateScores(scores, truth, Map.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new MpaucMetric("mpauc", 1, 1.5));
    }
}
