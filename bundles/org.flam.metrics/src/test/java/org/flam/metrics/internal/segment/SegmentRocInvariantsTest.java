package org.flam.metrics.internal.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the segment-based ROC areas on seeded random sets: 10 s files of 32 frames,
 * events on a 1.25 s grid (4 frames), so that with segments of 0.3125 s or 1.25 s every
 * segment is either inside or outside the events and "perfect" frame scores are perfect
 * segment scores too.
 */
class SegmentRocInvariantsTest {

    private static final List<String> LABELS = List.of("a", "b", "c", "d");
    private static final FrameGrid GRID = new FrameGrid(3.2, 32);

    private record Set(Map<String, FrameScores> scores, Map<String, List<SoundEvent>> truth,
            Map<String, Double> durations, Map<String, boolean[][]> frameTargets) {

        /** The same set with each file's scores replaced by {@code score(file, label, frame)}. */
        Set rescored(ScoreFunction score) {
            Map<String, FrameScores> rescored = new HashMap<>();
            scores.forEach((file, table) -> {
                float[][] columns = new float[LABELS.size()][32];
                for (int k = 0; k < LABELS.size(); k++) {
                    for (int f = 0; f < 32; f++) {
                        columns[k][f] = score.at(table.score(f, k), frameTargets.get(file)[k][f]);
                    }
                }
                rescored.put(file, FrameScores.ofColumns(GRID, LABELS, columns));
            });
            return new Set(rescored, truth, durations, frameTargets);
        }
    }

    private interface ScoreFunction {
        float at(float score, boolean target);
    }

    /** Random events on the 1.25 s grid and random scores on multiples of 1/64 (ties included). */
    private static Set randomSet(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, FrameScores> scores = new HashMap<>();
        Map<String, List<SoundEvent>> truth = new HashMap<>();
        Map<String, Double> durations = new HashMap<>();
        Map<String, boolean[][]> targets = new HashMap<>();
        for (int file = 0; file < 40; file++) {
            List<SoundEvent> events = new ArrayList<>();
            float[][] columns = new float[LABELS.size()][32];
            boolean[][] target = new boolean[LABELS.size()][32];
            for (int k = 0; k < LABELS.size(); k++) {
                if (random.nextInt(3) > 0) {
                    int start = random.nextInt(8);
                    int end = start + 1 + random.nextInt(8 - start);
                    events.add(new SoundEvent(start * 1.25, end * 1.25, LABELS.get(k)));
                    for (int f = 4 * start; f < 4 * end; f++) {
                        target[k][f] = true;
                    }
                }
                for (int f = 0; f < 32; f++) {
                    columns[k][f] = random.nextInt(65) / 64f;
                }
            }
            scores.put("f" + file, FrameScores.ofColumns(GRID, LABELS, columns));
            truth.put("f" + file, events);
            durations.put("f" + file, 10.0);
            targets.put("f" + file, target);
        }
        return new Set(scores, truth, durations, targets);
    }

    private static final List<Metric> METRICS = List.of(
            new AurocMetric("auroc", 0.3125, 1),
            new MpaucMetric("mpauc", 1, 0.1));

    /** Segment lengths on which the event grid is aligned: 0.3125 s and 1.25 s. */
    private static final List<Map<String, Double>> ALIGNED = List.of(
            Map.of(Metric.SEGMENT_SECONDS, 0.3125), Map.of(Metric.SEGMENT_SECONDS, 1.25));

    private static MetricResult evaluate(Metric metric, Set set, Map<String, Double> parameters) {
        return metric.evaluateScores(set.scores(), set.truth(), set.durations(), parameters);
    }

    @Test
    void perfectScoresGiveOneForEveryLabel() {
        for (long seed = 1; seed <= 5; seed++) {
            // positives in [0.5, 1], negatives in [0, 0.48]: random within each class, separated across
            Set perfect = randomSet(seed).rescored((s, target) -> target ? 0.5f + s / 2 : 0.48f * s);
            for (Metric metric : METRICS) {
                for (Map<String, Double> segments : ALIGNED) {
                    MetricResult r = evaluate(metric, perfect, segments);
                    for (String label : LABELS) {
                        // partial areas: the clipped last trapezoid is a double, so up to rounding
                        assertEquals(1, r.value(metric.name() + "/" + label).orElseThrow(), 1e-12,
                                metric.name() + " " + segments + " " + label + " seed " + seed);
                    }
                    assertEquals(1, r.headline().orElseThrow(), 1e-12);
                }
            }
        }
    }

    @Test
    void invertedPerfectScoresGiveZero() {
        for (long seed = 1; seed <= 5; seed++) {
            Set inverted = randomSet(seed).rescored((s, target) -> target ? 0.48f * s : 0.5f + s / 2);
            for (Metric metric : METRICS) {
                for (Map<String, Double> segments : ALIGNED) {
                    assertEquals(0, evaluate(metric, inverted, segments).headline().orElseThrow(), 0,
                            metric.name() + " " + segments + " seed " + seed);
                }
            }
        }
    }

    @Test
    void strictlyIncreasingTransformsChangeNothing() {
        // on multiples of 1/64 these are exact or far apart in float: no two scores merge
        List<DoubleUnaryOperator> transforms = List.of(x -> x * x * x, x -> Math.log(x + 0.01), x -> 3 * x - 7);
        for (long seed = 1; seed <= 5; seed++) {
            Set set = randomSet(seed);
            for (DoubleUnaryOperator t : transforms) {
                Set transformed = set.rescored((s, target) -> (float) t.applyAsDouble(s));
                for (Metric metric : METRICS) {
                    // the defaults too: max over frames commutes with an increasing transform
                    for (Map<String, Double> parameters : List.of(Map.<String, Double>of(), ALIGNED.get(1))) {
                        assertEquals(evaluate(metric, set, parameters).values(),
                                evaluate(metric, transformed, parameters).values(),
                                metric.name() + " " + parameters + " seed " + seed);
                    }
                }
            }
        }
    }

    @Test
    void randomScoresAreNearOneHalfAndPartialAreasNearMaxFprOverTwo() {
        Set set = randomSet(99);
        double auroc = evaluate(METRICS.get(0), set, Map.of()).headline().orElseThrow();
        double mpauc = evaluate(METRICS.get(1), set, Map.of()).headline().orElseThrow();
        assertEquals(0.5, auroc, 0.05);
        assertEquals(0.05, mpauc, 0.04);
    }
}
