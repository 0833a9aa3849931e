package org.flam.augment.mixture.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.flam.api.Corpus;
import org.flam.api.FrameGrid;

/**
 * Bench: mixtures per second on one thread, SPEC defaults, synthetic in-memory sounds (40
 * sine events of 0.6-3.3 s, 8 noise backgrounds of 12 s, decoded once into the LRU cache as
 * in production), at 32 and 48 kHz, synthesis only and synthesis plus files
 * ({@link MixtureWriter}: 16-bit WAV, two TSVs, manifest, aggregate). Each case is the best of
 * three interleaved rounds after a warm-up; ratios are to the 32 kHz in-memory rate of the
 * same run, so they compare across noisy machines.
 *
 * <p>Usage: {@code MixtureSynthesisBench [mixtures per measurement, default 40]}; run by
 * {@code bench/synth.sh}.
 */
public final class MixtureSynthesisBench {

    private static final String SHA = "0".repeat(64);

    private MixtureSynthesisBench() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        FrameGrid grid = FrameGrid.ofClip(32, 10.0);
        TestCorpus source = TestCorpus.standard(40, 8);
        Corpus corpus = source.corpus();
        int[] rates = {32_000, 48_000};
        Synthesis[] synthesis = new Synthesis[rates.length];
        for (int r = 0; r < rates.length; r++) {
            synthesis[r] = new Synthesis(MixtureParameters.of(MixtureParameters.configuration(
                    Map.of("sampleRate", rates[r], "heldoutFraction", 0.0))), new CachingLoader(source, 1L << 27));
            // Warm-up: JIT, FFT tables and the decoded-recording cache, before any measurement.
            for (long i = 0; i < count; i++) {
                synthesis[r].render(corpus, 99, i, grid, Split.TRAIN);
            }
        }
        // Best of 3 rounds, the four cases interleaved in each, so drift hits them alike.
        double[][] best = new double[rates.length][2];
        for (int round = 0; round < 3; round++) {
            for (int r = 0; r < rates.length; r++) {
                long t0 = System.nanoTime();
                for (long i = 0; i < count; i++) {
                    synthesis[r].render(corpus, round, i, grid, Split.TRAIN);
                }
                best[r][0] = Math.max(best[r][0], count / ((System.nanoTime() - t0) / 1e9));
                Path dir = Files.createTempDirectory("flam-synth-bench");
                try {
                    long t1 = System.nanoTime();
                    new MixtureWriter(synthesis[r], 1).write(corpus, SHA, grid, dir, round, count, Split.TRAIN, n -> { });
                    best[r][1] = Math.max(best[r][1], count / ((System.nanoTime() - t1) / 1e9));
                } finally {
                    delete(dir);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-8s %-8s %10s %8s%n", "rate", "mode", "mix/s", "ratio");
        for (int r = 0; r < rates.length; r++) {
            print(rates[r], "memory", best[r][0], best[0][0]);
            print(rates[r], "files", best[r][1], best[0][0]);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void print(int rate, String mode, double perSecond, double base) {
        System.out.printf(Locale.ROOT, "%-8s %-8s %10.1f %8.2f%n", rate / 1000 + " kHz", mode, perSecond, perSecond / base);
    }
}
