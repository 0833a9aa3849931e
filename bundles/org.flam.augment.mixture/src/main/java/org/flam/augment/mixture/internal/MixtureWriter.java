package org.flam.augment.mixture.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import org.flam.api.Corpus;
import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.Mixture;
import org.flam.api.SoundEvent;
import org.flam.audio.io.WavWriter;

/**
 * Writes a numbered sequence of mixtures to a directory, in the field's formats, resumably
 * (what {@code flam synth} runs):
 *
 * <pre>
 * OUT/manifest.json         format, corpus SHA-256, seed, split, count, frame grid, every parameter
 * OUT/audio/ID.wav          the mixture, 16-bit PCM
 * OUT/labels/ID.tsv         DCASE ground truth: filename onset offset event_label (filename = ID.wav)
 * OUT/frames/ID.tsv         frame labels as sed_scores_eval reads scores: onset offset &lt;label&gt;...
 * OUT/events.tsv            all labels/ID.tsv rows in index order, one header
 * </pre>
 * {@code ID} is {@code <split>_s<seed>_<index, 6 digits or more>}, e.g. {@code train_s42_000017}.
 * Times are seconds rounded to the microsecond.
 *
 * <p><b>Resuming.</b> Every file is written to a temporary name beside it and moved into place
 * atomically, so a file that exists is complete. A mixture whose three files exist is skipped;
 * one with some of them is written again (it is reproducible, so the same bytes). A directory
 * whose manifest names another corpus, seed, split, grid or parameter set is refused, so two
 * runs never mix; only the count may change (to extend a run). {@code events.tsv} is rebuilt
 * from the per-mixture files at the end of every run.
 */
public final class MixtureWriter {

    /** The manifest's {@code format}. */
    public static final String FORMAT = "flam-mixtures/1";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern COUNT = Pattern.compile("\"count\": \\d+");
    private static final String DCASE_HEADER = "filename\tonset\toffset\tevent_label\n";

    private final Synthesis synthesis;
    private final int threads;

    /**
     * A writer of the mixtures {@code synthesizer} makes (its parameters; the split is chosen
     * per {@link #write} call).
     *
     * @param threads mixtures synthesized in parallel, {@code >= 1} (the output does not depend on it)
     */
    public MixtureWriter(FlamMixtureSynthesizer synthesizer, int threads) {
        this(synthesizer.synthesis(), threads);
    }

    MixtureWriter(Synthesis synthesis, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.synthesis = synthesis;
        this.threads = threads;
    }

    /**
     * Writes mixtures {@code 0 .. count - 1} of {@code seed} from {@code split} of
     * {@code corpus} into {@code outDir} (created if missing), skipping complete ones.
     *
     * @param corpusSha256 SHA-256 of the corpus file, 64 lower-case hex digits, recorded in the
     *                     manifest so that a set of mixtures names the corpus it came from
     * @param grid         the encoder's frame grid for the frame labels
     * @param progress     called with the number of mixtures done (written or found complete)
     *                     after each one, in increasing order, from a worker thread
     * @throws IOException              if a recording cannot be read or a file cannot be written
     * @throws IllegalStateException    if {@code outDir} holds mixtures of another run
     * @throws IllegalArgumentException if the hash is malformed, {@code count < 0}, or the
     *                                  synthesis rejects its input
     */
    public void write(Corpus corpus, String corpusSha256, FrameGrid grid, Path outDir, long seed, long count,
            Split split, LongConsumer progress) throws IOException {
        if (!SHA256.matcher(corpusSha256).matches()) {
            throw new IllegalArgumentException("corpusSha256 must be 64 lower-case hex digits, got \"" + corpusSha256 + "\"");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        for (String dir : List.of("audio", "labels", "frames")) {
            Files.createDirectories(outDir.resolve(dir));
        }
        String manifest = manifest(corpusSha256, grid, seed, count, split);
        Path manifestFile = outDir.resolve("manifest.json");
        if (Files.exists(manifestFile)) {
            String existing = Files.readString(manifestFile, StandardCharsets.UTF_8);
            if (!withoutCount(existing).equals(withoutCount(manifest))) {
                throw new IllegalStateException(outDir + " holds mixtures of another corpus, seed, split, grid or "
                        + "parameters (see its manifest.json); use another directory");
            }
        }
        writeAtomically(manifestFile, manifest);
        run(corpus, grid, outDir, seed, count, split, progress);
        aggregate(outDir, seed, count, split);
    }

    private void run(Corpus corpus, FrameGrid grid, Path outDir, long seed, long count, Split split,
            LongConsumer progress) throws IOException {
        AtomicLong next = new AtomicLong();
        AtomicBoolean failed = new AtomicBoolean();
        Object progressLock = new Object();
        long[] done = {0};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < count && !failed.get(); i = next.getAndIncrement()) {
                        try {
                            writeOne(corpus, grid, outDir, seed, i, split);
                        } catch (IOException e) {
                            failed.set(true);
                            throw new UncheckedIOException(e);
                        } catch (RuntimeException e) {
                            failed.set(true);
                            throw e;
                        }
                        synchronized (progressLock) {
                            progress.accept(++done[0]);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing mixtures", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes mixture {@code index} unless its three files exist. */
    private void writeOne(Corpus corpus, FrameGrid grid, Path outDir, long seed, long index, Split split) throws IOException {
        String id = Synthesis.id(split, seed, index);
        Path audio = outDir.resolve("audio").resolve(id + ".wav");
        Path frames = outDir.resolve("frames").resolve(id + ".tsv");
        Path labels = outDir.resolve("labels").resolve(id + ".tsv");
        if (Files.exists(audio) && Files.exists(frames) && Files.exists(labels)) {
            return;
        }
        Mixture m = synthesis.render(corpus, seed, index, grid, split).mixture();
        WavWriter.write(audio, m.audio().samples(), m.audio().sampleRate(), WavWriter.Encoding.PCM_16);
        writeAtomically(frames, frameTable(m.frameLabels()));
        writeAtomically(labels, DCASE_HEADER + dcaseRows(id + ".wav", m.events()));
    }

    /** The frame-label table: header {@code onset offset <label>...}, one row per frame. */
    static String frameTable(FrameScores labels) {
        StringBuilder b = new StringBuilder("onset\toffset");
        for (String label : labels.labels()) {
            b.append('\t').append(label);
        }
        b.append('\n');
        FrameGrid grid = labels.grid();
        for (int f = 0; f < grid.frameCount(); f++) {
            b.append(time(grid.onset(f))).append('\t').append(time(grid.offset(f)));
            for (int k = 0; k < labels.labels().size(); k++) {
                b.append('\t').append(labels.score(f, k));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** DCASE rows {@code filename onset offset event_label}, without header. */
    static String dcaseRows(String filename, List<SoundEvent> events) {
        StringBuilder b = new StringBuilder();
        for (SoundEvent e : events) {
            b.append(filename).append('\t').append(time(e.onset())).append('\t').append(time(e.offset()))
                    .append('\t').append(e.label()).append('\n');
        }
        return b.toString();
    }

    /** Seconds rounded to the microsecond, without trailing zeros: {@code 0.3125}, {@code 2}. */
    static String time(double seconds) {
        return BigDecimal.valueOf(Math.round(seconds * 1e6), 6).stripTrailingZeros().toPlainString();
    }

    private void aggregate(Path outDir, long seed, long count, Split split) throws IOException {
        StringBuilder b = new StringBuilder(DCASE_HEADER);
        for (long i = 0; i < count; i++) {
            String text = Files.readString(outDir.resolve("labels").resolve(Synthesis.id(split, seed, i) + ".tsv"),
                    StandardCharsets.UTF_8);
            b.append(text, DCASE_HEADER.length(), text.length());
        }
        writeAtomically(outDir.resolve("events.tsv"), b.toString());
    }

    private String manifest(String corpusSha256, FrameGrid grid, long seed, long count, Split split) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"format\": ").append(Json.string(FORMAT)).append(",\n");
        b.append("  \"synthesizer\": ").append(Json.string(FlamMixtureSynthesizer.NAME)).append(",\n");
        b.append("  \"corpusSha256\": ").append(Json.string(corpusSha256)).append(",\n");
        b.append("  \"seed\": ").append(seed).append(",\n");
        b.append("  \"split\": ").append(Json.string(split.name().toLowerCase(Locale.ROOT))).append(",\n");
        b.append("  \"count\": ").append(count).append(",\n");
        b.append("  \"grid\": {\"framesPerSecond\": ").append(grid.framesPerSecond())
                .append(", \"frameCount\": ").append(grid.frameCount()).append("},\n");
        b.append("  \"parameters\": {\n");
        RecordComponent[] components = MixtureParameters.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            b.append("    ").append(Json.string(components[i].getName())).append(": ")
                    .append(jsonValue(value(components[i]))).append(i + 1 < components.length ? ",\n" : "\n");
        }
        return b.append("  }\n}\n").toString();
    }

    private Object value(RecordComponent component) {
        try {
            return component.getAccessor().invoke(synthesis.parameters());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read parameter " + component.getName(), e);
        }
    }

    private static String jsonValue(Object v) {
        if (v instanceof Number) {
            return v.toString();
        }
        if (v instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object o : list) {
                items.add(jsonValue(o));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return Json.string(v.toString());
    }

    private static String withoutCount(String manifest) {
        return COUNT.matcher(manifest).replaceFirst("\"count\": ?");
    }

    /** Writes {@code text} (UTF-8) to a temporary file beside {@code file}, then moves it into place atomically. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
