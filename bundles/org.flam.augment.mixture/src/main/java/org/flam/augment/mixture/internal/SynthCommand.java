package org.flam.augment.mixture.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

import org.flam.api.Corpus;
import org.flam.api.FlamProperties;
import org.flam.api.FrameGrid;
import org.flam.api.command.Command;
import org.flam.api.spi.MixtureSynthesizer;
import org.flam.data.corpus.CorpusIndex;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code flam synth --corpus C --out DIR --count N [--seed S] [--split train|heldout|zeroshot]
 * [--frames F] [--threads T]}: writes N labelled mixtures (WAV, DCASE TSV, frame-label TSV and
 * a manifest with the corpus hash and every parameter) with the configured synthesizer.
 * Re-running the same command resumes: complete mixtures are kept.
 */
@Component(service = Command.class, property = FlamProperties.COMMAND + "=synth")
public final class SynthCommand implements Command {

    static final String USAGE = "synth --corpus CORPUS.tsv --out DIR --count N [--seed S] [--split train|heldout|zeroshot]"
            + " [--frames F] [--threads T]";

    private final FlamMixtureSynthesizer synthesizer;

    @Activate
    public SynthCommand(@Reference(target = "(" + FlamProperties.NAME + "=" + FlamMixtureSynthesizer.NAME + ")")
            MixtureSynthesizer synthesizer) {
        // The writer drives this bundle's synthesis engine directly (every split, many threads).
        this.synthesizer = (FlamMixtureSynthesizer) synthesizer;
    }

    @Override
    public String summary() {
        return "write labelled training mixtures: " + USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args);
        if (!Files.isRegularFile(o.corpus)) {
            throw new IllegalArgumentException("--corpus: no such file: " + o.corpus);
        }
        Corpus corpus = CorpusIndex.read(o.corpus);
        String sha = CorpusIndex.sha256(o.corpus);
        FrameGrid grid = FrameGrid.ofClip(o.frames, synthesizer.clipSeconds());
        err.printf("synth: %d %s mixtures of %.0f s at %d Hz, %d frames each, seed %d, from %s (%d recordings)%n",
                o.count, o.split.name().toLowerCase(Locale.ROOT), synthesizer.clipSeconds(), synthesizer.sampleRate(),
                o.frames, o.seed, o.corpus, corpus.entries().size());
        Progress progress = new Progress(o.count, err);
        new MixtureWriter(synthesizer, o.threads).write(corpus, sha, grid, o.out, o.seed, o.count, o.split, progress);
        progress.finish();
        out.println(o.out.toAbsolutePath());
        return OK;
    }

    /** The parsed command line. */
    record Options(Path corpus, Path out, long count, long seed, Split split, int frames, int threads) {

        static Options parse(List<String> args) {
            Path corpus = null;
            Path out = null;
            long count = -1;
            long seed = 0;
            Split split = Split.TRAIN;
            int frames = 32;
            int threads = 1;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (!a.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + a + "'; usage: flam " + USAGE);
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value; usage: flam " + USAGE);
                }
                String v = args.get(++i);
                switch (a) {
                    case "--corpus" -> corpus = Path.of(v);
                    case "--out" -> out = Path.of(v);
                    case "--count" -> count = number(a, v, 1);
                    case "--seed" -> seed = number(a, v, Long.MIN_VALUE);
                    case "--split" -> split = switch (v) {
                        case "train" -> Split.TRAIN;
                        case "heldout" -> Split.HELDOUT;
                        case "zeroshot" -> Split.ZEROSHOT;
                        default -> throw new IllegalArgumentException("--split must be train, heldout or zeroshot, got '"
                                + v + "'");
                    };
                    case "--frames" -> frames = (int) Math.min(number(a, v, 1), Integer.MAX_VALUE);
                    case "--threads" -> threads = (int) Math.min(number(a, v, 1), 256);
                    default -> throw new IllegalArgumentException("unknown option " + a + "; usage: flam " + USAGE);
                }
            }
            if (corpus == null || out == null || count < 0) {
                throw new IllegalArgumentException("--corpus, --out and --count are required; usage: flam " + USAGE);
            }
            return new Options(corpus, out, count, seed, split, frames, threads);
        }

        private static long number(String option, String value, long min) {
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
            }
            if (n < min) {
                throw new IllegalArgumentException(option + " must be at least " + min + ", got " + n);
            }
            return n;
        }
    }

    /** A one-line progress bar on standard error: done/total, rate and time left. */
    static final class Progress implements LongConsumer {

        private static final long EVERY_NANOS = 500_000_000L;

        private final long total;
        private final PrintStream err;
        private final long start = System.nanoTime();
        private long lastPrint;
        private long done;
        private long printed = -1;

        Progress(long total, PrintStream err) {
            this.total = total;
            this.err = err;
        }

        @Override
        public synchronized void accept(long value) {
            done = value;
            long now = System.nanoTime();
            if (now - lastPrint >= EVERY_NANOS || value == total) {
                lastPrint = now;
                printed = value;
                err.print('\r' + line(value, (now - start) / 1e9));
                err.flush();
            }
        }

        /** Ends the line, bringing it up to date first if the last update was not printed. */
        synchronized void finish() {
            if (printed != done) {
                err.print('\r' + line(done, (System.nanoTime() - start) / 1e9));
            }
            err.println();
        }

        String line(long value, double seconds) {
            int width = 30;
            int filled = total == 0 ? width : (int) (width * value / total);
            double rate = seconds > 0 ? value / seconds : 0;
            String eta = rate > 0 ? duration((total - value) / rate) : "?";
            return String.format(Locale.ROOT, "[%s%s] %d/%d mixtures, %.1f/s, %s left   ", "#".repeat(filled),
                    " ".repeat(width - filled), value, total, rate, eta);
        }

        static String duration(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                    : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
        }
    }
}
