package org.flam.metrics.internal.psds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.junit.jupiter.api.Test;

class FrameScorePsdsTest {

    private static final double EXACT = 1e-12;

    /*
     * Two files of 4 frames of 1 s (8 s in all: one false positive = 3600 / 8 = 450 per hour),
     * labels x and y, dtc = gtc = 0.5.
     *
     *   file a: x truth [1, 3)   scores x 0.1 0.9 0.6 0.2    y 0.3 0.1 0.1 0.1   (no y truth)
     *   file b: y truth [0, 2)   scores x 0.5 0.1 0.1 0.1    y 0.4 0.7 0.2 0.8   (no x truth)
     *
     * x: a at 0.9 detects [1,2): 1 s of truth >= 0.5 * 1 s, covers 1 s >= 0.5 * 2 s: TP; lower
     *    thresholds only widen it to [1,3), [1,4), [0,4), all still relevant (2 s of 4 >= 0.5)
     *    and covering. b at 0.5 detects [0,1) without x truth: FP (then [0,4), still one FP).
     *    Points (eFPR/h, TPR): inf (0,0), 0.9 (0,1), 0.5 (450,1), 0.2 and 0.1 the same.
     *    ROC x: (0,1) (450,1).
     * y: b at 0.8 detects [3,4): no truth, FP. At 0.7 [1,2) joins: relevant, covers 1 s >= 1 s,
     *    TP. At 0.4 [0,2) + [3,4): TP, FP. At 0.2 [0,4): 2 s of 4 relevant: TP, no FP.
     *    a at 0.3 detects [0,1) without y truth: FP, and [0,4) from 0.1 on.
     *    Totals: 0.8 (TP0,FP1) 0.7 (1,1) 0.4 (1,1) 0.3 (1,2) 0.2 (1,1) 0.1 (1,1).
     *    Points: (0,0) (450,0) (450,1) (900,1) (450,1) (450,1). ROC y: (0,0) (450,1) (900,1).
     * Union of eFPR points 0, 450, 900; max eFPR 1000 per hour:
     *   at 0: TPRs 1, 0 (mean 0.5, std 0.5); at 450 and 900: 1, 1.
     *   alpha_st 0: (450 * 0.5 + 450 * 1 + 100 * 1) / 1000 = 0.775
     *   alpha_st 1: (450 * 0   + 450 * 1 + 100 * 1) / 1000 = 0.55
     *   per label: x (1000 * 1) / 1000 = 1; y (450 * 0 + 550 * 1) / 1000 = 0.55
     * Max eFPR 100: only the points at 0 remain: 0.5 with alpha_st 0, 0 with alpha_st 1.
     */
    private static Map<String, FrameScores> handScores() {
        FrameGrid grid = new FrameGrid(1.0, 4);
        Map<String, FrameScores> scores = new LinkedHashMap<>();
        scores.put("a", FrameScores.ofColumns(grid, List.of("x", "y"),
                new float[][] {{0.1f, 0.9f, 0.6f, 0.2f}, {0.3f, 0.1f, 0.1f, 0.1f}}));
        scores.put("b", FrameScores.ofColumns(grid, List.of("x", "y"),
                new float[][] {{0.5f, 0.1f, 0.1f, 0.1f}, {0.4f, 0.7f, 0.2f, 0.8f}}));
        return scores;
    }

    private static final Map<String, List<SoundEvent>> HAND_TRUTH = Map.of(
            "a", List.of(new SoundEvent(1, 3, "x")), "b", List.of(new SoundEvent(0, 2, "y")));
    private static final Map<String, Double> HAND_DURATIONS = Map.of("a", 4.0, "b", 4.0);

    private static PsdsResult hand(double alphaSt, double maxEfpr) {
        return FrameScorePsds.compute(handScores(), HAND_TRUTH, HAND_DURATIONS,
                new PsdsParameters(0.5, 0.5, 0.3, 0, alphaSt, maxEfpr));
    }

    @Test
    void handComputedTwoFilesTwoLabels() {
        PsdsResult r = hand(0, 1000);
        assertEquals(0.775, r.psds(), EXACT);
        assertArrayEquals(new double[] {0, 450}, r.labelRocs().get(0).efpr(), EXACT);
        assertArrayEquals(new double[] {1, 1}, r.labelRocs().get(0).tpr(), EXACT);
        assertArrayEquals(new double[] {0, 450, 900}, r.labelRocs().get(1).efpr(), EXACT);
        assertArrayEquals(new double[] {0, 1, 1}, r.labelRocs().get(1).tpr(), EXACT);
        assertArrayEquals(new double[] {1, 0.55}, r.labelPsds(), EXACT);
        assertArrayEquals(new double[] {0, 450, 900, 1000}, r.roc().efpr(), EXACT);
        assertArrayEquals(new double[] {0.5, 1, 1, 1}, r.roc().tpr(), EXACT);
        assertEquals(0.55, hand(1, 1000).psds(), EXACT);
        assertEquals(0.5, hand(0, 100).psds(), EXACT);
        assertEquals(0.0, hand(1, 100).psds(), EXACT);
    }

    @Test
    void theMetricDefaultsToPsds1AndParametersOverrideIt() {
        Metric metric = new PsdsMetric(PsdsParameters.PSDS1);
        Map<String, Double> overrides = Map.of(Metric.DTC_THRESHOLD, 0.5, Metric.GTC_THRESHOLD, 0.5,
                Metric.ALPHA_ST, 0.0, Metric.MAX_EFPR, 1000.0);
        MetricResult result = metric.evaluateScores(handScores(), HAND_TRUTH, HAND_DURATIONS, overrides);
        assertEquals(0.775, result.headline().orElseThrow(), EXACT);
        assertEquals(0.55, result.value("psds/y").orElseThrow(), EXACT);
        assertTrue(result.curves().containsKey("psd-roc/x"));
        // PSDS1 (dtc = gtc = 0.7, alpha_st 1, 100/h): y's relevant detections at 0.7 cover
        // only 1 s of 2 (< 0.7 * 2 s), so at eFPR 0 the TPRs are 1 and 0: mean - std = 0.
        assertEquals(0.0, metric.evaluateScores(handScores(), HAND_TRUTH, HAND_DURATIONS, Map.of())
                .headline().orElseThrow(), EXACT);
        assertThrows(IllegalArgumentException.class,
                () -> metric.evaluateScores(handScores(), HAND_TRUTH, HAND_DURATIONS, Map.of("dtc", 0.5)));
        assertThrows(IllegalArgumentException.class, () -> metric.evaluateScores(handScores(), HAND_TRUTH,
                HAND_DURATIONS, Map.of(Metric.MAX_EFPR, 0.0)));
    }

    @Test
    void inputErrorsNameTheProblem() {
        PsdsParameters p = PsdsParameters.PSDS1;
        IllegalArgumentException noDuration = assertThrows(IllegalArgumentException.class,
                () -> FrameScorePsds.compute(handScores(), HAND_TRUTH, Map.of("a", 4.0), p));
        assertTrue(noDuration.getMessage().contains("b"), noDuration.getMessage());
        IllegalArgumentException unscored = assertThrows(IllegalArgumentException.class,
                () -> FrameScorePsds.compute(handScores(), Map.of("a", List.of(new SoundEvent(0, 1, "z"))),
                        HAND_DURATIONS, p));
        assertTrue(unscored.getMessage().contains("\"z\""), unscored.getMessage());
        IllegalArgumentException noPositives = assertThrows(IllegalArgumentException.class,
                () -> FrameScorePsds.compute(handScores(), Map.of("a", List.of(new SoundEvent(0, 1, "x"))),
                        HAND_DURATIONS, p));
        assertTrue(noPositives.getMessage().contains("[y]"), noPositives.getMessage());
    }

    // ---- random cases ----------------------------------------------------------------------

    private record Case(Map<String, FrameScores> scores, Map<String, List<SoundEvent>> truth,
            Map<String, Double> durations) {
    }

    private static final List<String> LABELS = List.of("bark", "car", "speech");
    private static final int FRAMES = 16;

    /**
     * Files of 10 s at 1.6 fps; 0-2 events per file and label at 0.1 s resolution (not
     * frame-aligned, possibly overlapping, so merging is exercised), and file k always holds
     * an event of label k so every label has ground truth.
     */
    private static Case randomCase(long seed, int files) {
        SplittableRandom random = new SplittableRandom(seed);
        FrameGrid grid = FrameGrid.ofClip(FRAMES, 10.0);
        Map<String, FrameScores> scores = new LinkedHashMap<>();
        Map<String, List<SoundEvent>> truth = new LinkedHashMap<>();
        Map<String, Double> durations = new LinkedHashMap<>();
        for (int i = 0; i < files; i++) {
            String file = "f" + i + ".wav";
            List<SoundEvent> events = new ArrayList<>();
            float[][] columns = new float[LABELS.size()][FRAMES];
            for (int k = 0; k < LABELS.size(); k++) {
                for (int e = random.nextInt(3); e > 0; e--) {
                    double onset = random.nextInt(90) / 10.0;
                    double offset = Math.min(10, onset + 0.1 + random.nextInt(40) / 10.0);
                    events.add(new SoundEvent(onset, offset, LABELS.get(k)));
                }
                for (int f = 0; f < FRAMES; f++) {
                    // quantised scores, so that ties across frames and files occur
                    columns[k][f] = random.nextInt(20) / 20f;
                }
            }
            scores.put(file, FrameScores.ofColumns(grid, LABELS, columns));
            truth.put(file, events);
            durations.put(file, 10.0);
        }
        for (int k = 0; k < LABELS.size(); k++) {
            truth.get("f" + k + ".wav").add(new SoundEvent(1.0, 2.5, LABELS.get(k)));
        }
        return new Case(scores, truth, durations);
    }

    private static PsdsParameters randomParameters(SplittableRandom random) {
        return new PsdsParameters(random.nextDouble(), random.nextDouble(), random.nextDouble(),
                random.nextBoolean() ? 0 : random.nextDouble(), random.nextDouble(2), 10 + random.nextDouble(500));
    }

    @Test
    void psdsIsInTheUnitIntervalAndEveryRocIsAStaircase() {
        SplittableRandom random = new SplittableRandom(11);
        for (int seed = 0; seed < 40; seed++) {
            Case c = randomCase(seed, 3 + seed % 7);
            PsdsParameters p = randomParameters(random);
            PsdsResult r = FrameScorePsds.compute(c.scores, c.truth, c.durations, p);
            assertTrue(r.psds() >= 0 && r.psds() <= 1, "seed " + seed + ": " + r.psds());
            for (PsdRoc roc : r.labelRocs()) {
                assertEquals(0.0, roc.efpr()[0], "every ROC starts at the empty detection");
                for (int i = 1; i < roc.efpr().length; i++) {
                    assertTrue(roc.efpr()[i] > roc.efpr()[i - 1] && roc.tpr()[i] >= roc.tpr()[i - 1]);
                    assertTrue(roc.efpr()[i] <= p.maxEfpr() && roc.tpr()[i] <= 1);
                }
            }
        }
    }

    @Test
    void scoresEqualToTheFrameAlignedTruthGiveTheMaximum() {
        for (int seed = 0; seed < 10; seed++) {
            Case c = randomCase(seed, 6);
            Map<String, List<SoundEvent>> aligned = new LinkedHashMap<>();
            Map<String, FrameScores> perfect = new LinkedHashMap<>();
            FrameGrid grid = FrameGrid.ofClip(FRAMES, 10.0);
            c.truth.forEach((file, events) -> {
                float[][] columns = new float[LABELS.size()][FRAMES];
                List<SoundEvent> snapped = new ArrayList<>();
                for (SoundEvent e : events) {
                    int from = (int) grid.frameAt(e.onset());
                    int to = Math.min(FRAMES, Math.max(from + 1, (int) grid.frameAt(e.offset())));
                    snapped.add(new SoundEvent(grid.onset(from), grid.offset(to - 1), e.label()));
                    for (int f = from; f < to; f++) {
                        columns[LABELS.indexOf(e.label())][f] = 1;
                    }
                }
                aligned.put(file, snapped);
                perfect.put(file, FrameScores.ofColumns(grid, LABELS, columns));
            });
            PsdsResult r = FrameScorePsds.compute(perfect, aligned, c.durations, PsdsParameters.PSDS1);
            assertEquals(1.0, r.psds(), EXACT, "seed " + seed);
        }
    }

    @Test
    void aStrictlyIncreasingTransformOfTheScoresChangesNothing() {
        SplittableRandom random = new SplittableRandom(5);
        for (int seed = 0; seed < 20; seed++) {
            Case c = randomCase(seed, 8);
            Map<String, FrameScores> transformed = new LinkedHashMap<>();
            c.scores.forEach((file, s) -> {
                float[][] rows = s.scores();
                for (float[] row : rows) {
                    for (int k = 0; k < row.length; k++) {
                        // scores are multiples of 1/20: 3 s^3 - 7 keeps them distinct and ordered
                        row[k] = 3 * row[k] * row[k] * row[k] - 7;
                    }
                }
                transformed.put(file, new FrameScores(s.grid(), s.labels(), rows));
            });
            PsdsParameters p = randomParameters(random);
            assertEquals(FrameScorePsds.compute(c.scores, c.truth, c.durations, p).psds(),
                    FrameScorePsds.compute(transformed, c.truth, c.durations, p).psds(), EXACT, "seed " + seed);
        }
    }

    /**
     * The sweep over thresholds must give what psds_eval's way gives when it is handed the
     * detection table of every distinct score: one operating point per threshold.
     */
    @Test
    void framePsdsEqualsOperatingPointPsdsAtEveryDistinctScore() {
        SplittableRandom random = new SplittableRandom(3);
        for (int seed = 0; seed < 15; seed++) {
            Case c = randomCase(seed, 5);
            PsdsParameters p = randomParameters(random);
            if (seed % 2 == 0) {
                p = new PsdsParameters(p.dtc(), p.gtc(), p.cttc(), 0.5, p.alphaSt(), p.maxEfpr());
            }
            PsdsResult frames = FrameScorePsds.compute(c.scores, c.truth, c.durations, p);
            // A label-independent threshold would mix the labels' thresholds, which the frame
            // sweep never does; so detect each label at each of its own distinct scores.
            TreeSet<Float> distinct = new TreeSet<>();
            c.scores.values().forEach(s -> {
                for (float[] row : s.scores()) {
                    for (float v : row) {
                        distinct.add(v);
                    }
                }
            });
            List<Map<String, List<SoundEvent>>> tables = new ArrayList<>();
            for (float threshold : distinct) {
                for (String label : LABELS) {
                    tables.add(detect(c.scores, label, threshold));
                }
            }
            PsdsResult points = OperatingPointPsds.compute(tables, c.truth, c.durations, p);
            assertEquals(frames.psds(), points.psds(), EXACT, "seed " + seed);
            for (int k = 0; k < LABELS.size(); k++) {
                assertArrayEquals(frames.labelRocs().get(k).efpr(), points.labelRocs().get(k).efpr(), 1e-9);
                assertArrayEquals(frames.labelRocs().get(k).tpr(), points.labelRocs().get(k).tpr(), EXACT);
            }
        }
    }

    /** Detections of one label: every run of frames with score >= threshold. */
    private static Map<String, List<SoundEvent>> detect(Map<String, FrameScores> scores, String label,
            float threshold) {
        Map<String, List<SoundEvent>> table = new LinkedHashMap<>();
        scores.forEach((file, s) -> {
            float[] column = s.column(label);
            List<SoundEvent> events = new ArrayList<>();
            for (int f = 0; f < column.length; f++) {
                if (column[f] >= threshold && (f == 0 || column[f - 1] < threshold)) {
                    int end = f;
                    while (end < column.length && column[end] >= threshold) {
                        end++;
                    }
                    events.add(new SoundEvent(s.grid().onset(f), s.grid().offset(end - 1), label));
                }
            }
            table.put(file, events);
        });
        return table;
    }
}
