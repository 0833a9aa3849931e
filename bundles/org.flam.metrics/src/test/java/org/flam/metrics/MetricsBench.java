package org.flam.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.SoundEvent;
import org.flam.metrics.internal.psds.PsdsBenchRows;
import org.flam.metrics.internal.segment.SegmentBenchRows;

/**
 * Bench command ({@code bench/metrics.sh [rounds]}): time of each metric on 100, 1,000 and
 * 10,000 ten-second files with 10 labels and 32 frames each (seeded random ground truth and
 * scores that are higher inside events), and the growth as the ratio to the 100-file time.
 * Each row is a named {@link Row}; a metric adds its rows to {@link #ROWS}.
 */
public final class MetricsBench {

    /** What a row times: one evaluation of a data set, returning the headline value. */
    public interface Evaluation {
        double run(Data data);
    }

    /** A named metric run, e.g. "PSDS1". */
    public record Row(String name, Evaluation evaluation) {
    }

    /** Scores, ground truth and durations of one generated data set. */
    public record Data(Map<String, FrameScores> scores, Map<String, List<SoundEvent>> groundTruth,
            Map<String, Double> durations) {
    }

    private static final List<Row> ROWS = Stream.of(PsdsBenchRows.rows(), SegmentBenchRows.rows())
            .flatMap(List::stream).toList();
    private static final int[] FILES = {100, 1_000, 10_000};
    private static final int LABELS = 10;
    private static final int FRAMES = 32;
    private static final double SECONDS = 10.0;

    private MetricsBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Data> sets = new ArrayList<>();
        for (int files : FILES) {
            sets.add(generate(files, 42));
        }
        System.out.printf("%-8s %8s %12s %8s %10s%n", "metric", "files", "median ms", "vs 100", "value");
        for (Row row : ROWS) {
            row.evaluation().run(sets.get(0)); // warm-up: class loading and JIT
            double base = 0;
            for (int s = 0; s < FILES.length; s++) {
                double[] millis = new double[rounds];
                double value = 0;
                for (int r = 0; r < rounds; r++) {
                    long start = System.nanoTime();
                    value = row.evaluation().run(sets.get(s));
                    millis[r] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(millis);
                double median = millis[rounds / 2];
                base = s == 0 ? median : base;
                System.out.printf("%-8s %8d %12.1f %7.1fx %10.4f%n", row.name(), FILES[s], median, median / base, value);
            }
        }
    }

    /**
     * {@code files} ten-second files, 32 frames each; per file and label an event with
     * probability 0.3 (onset uniform in 0-8 s, length 0.5-4 s, cut at 10 s; the first 10 files
     * carry one event of label {@code i} so every label has one); scores uniform in
     * {@code [0.4, 1)} on frames an event overlaps and in {@code [0, 0.6)} elsewhere.
     */
    static Data generate(int files, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FrameGrid grid = FrameGrid.ofClip(FRAMES, SECONDS);
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < LABELS; k++) {
            labels.add("label " + k);
        }
        Map<String, FrameScores> scores = new LinkedHashMap<>();
        Map<String, List<SoundEvent>> truth = new LinkedHashMap<>();
        Map<String, Double> durations = new LinkedHashMap<>();
        for (int i = 0; i < files; i++) {
            String file = "file" + i + ".wav";
            List<SoundEvent> events = new ArrayList<>();
            float[][] columns = new float[LABELS][FRAMES];
            for (int k = 0; k < LABELS; k++) {
                boolean[] inside = new boolean[FRAMES];
                if (random.nextDouble() < 0.3 || i == k) {
                    double onset = random.nextDouble() * 8;
                    double offset = Math.min(SECONDS, onset + 0.5 + random.nextDouble() * 3.5);
                    events.add(new SoundEvent(onset, offset, labels.get(k)));
                    for (int f = 0; f < FRAMES; f++) {
                        inside[f] = grid.onset(f) < offset && onset < grid.offset(f);
                    }
                }
                for (int f = 0; f < FRAMES; f++) {
                    columns[k][f] = (float) (inside[f] ? 0.4 + 0.6 * random.nextDouble() : 0.6 * random.nextDouble());
                }
            }
            scores.put(file, FrameScores.ofColumns(grid, labels, columns));
            truth.put(file, events);
            durations.put(file, SECONDS);
        }
        return new Data(scores, truth, durations);
    }
}
