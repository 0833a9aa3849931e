package org.flam.detect.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.flam.api.AudioClip;
import org.flam.api.Detection;
import org.flam.api.FlamProperties;
import org.flam.api.SampleStream;
import org.flam.api.SoundEvent;
import org.flam.api.command.Command;
import org.flam.api.detect.DetectionOptions;
import org.flam.api.detect.Detector;
import org.flam.api.detect.ModelLoader;
import org.flam.audio.frontend.LogMelFrontEnd;
import org.flam.audio.frontend.LogMelSpec;
import org.flam.audio.io.AudioReader;
import org.flam.audio.io.AudioStream;
import org.flam.model.ModelDescription;
import org.flam.model.ModelDirectory;
import org.flam.plot.DetectionPlot;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * {@code flam detect FILE... --query TEXT... [options]}: when does each query's sound occur in
 * each recording. The model is loaded once and query embeddings are cached across files.
 */
@Component(service = Command.class, property = FlamProperties.COMMAND + "=detect")
public final class DetectCommand implements Command {

    static final String SYNOPSIS = "detect FILE... --query TEXT... [--model DIR] [--threshold 0.5] [--median 3] "
            + "[--min-duration S] [--max-gap S] [--approximate] [--format table|json|tsv|audacity] [--out DIR] "
            + "[--plot OUT.png]";

    private final ModelLoader loader;

    @Activate
    public DetectCommand(@Reference ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public String summary() {
        return "find when sounds described by text occur: " + SYNOPSIS;
    }

    /** Parsed arguments. */
    record Options(List<Path> files, List<String> queries, Path model, DetectionOptions detection, String format,
            Path out, Path plot) {
    }

    static Options parse(List<String> args) {
        List<Path> files = new ArrayList<>();
        LinkedHashSet<String> queries = new LinkedHashSet<>();
        Path model = null;
        Path out = null;
        Path plot = null;
        String format = "table";
        DetectionOptions d = DetectionOptions.DEFAULTS;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--query", "-q" -> {
                    String q = value(args, ++i, a).strip();
                    if (q.isEmpty()) {
                        throw new IllegalArgumentException("--query must not be blank");
                    }
                    queries.add(q);
                }
                case "--model" -> model = Path.of(value(args, ++i, a));
                case "--threshold" -> d = d.withThreshold(number(args, ++i, a));
                case "--median" -> d = d.withMedianFilterFrames(integer(args, ++i, a));
                case "--min-duration" -> d = d.withMinEventSeconds(number(args, ++i, a));
                case "--max-gap" -> d = d.withMaxGapSeconds(number(args, ++i, a));
                case "--approximate" -> d = d.withCalibration(DetectionOptions.Calibration.APPROXIMATE);
                case "--format" -> {
                    format = value(args, ++i, a);
                    if (!List.of("table", "json", "tsv", "audacity").contains(format)) {
                        throw new IllegalArgumentException("--format must be table, json, tsv or audacity, got " + format);
                    }
                }
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--plot" -> plot = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a + "; usage: flam " + SYNOPSIS);
                    }
                    files.add(Path.of(a));
                }
            }
        }
        if (files.isEmpty() || queries.isEmpty()) {
            throw new IllegalArgumentException("give at least one FILE and one --query; usage: flam " + SYNOPSIS);
        }
        if (format.equals("audacity") && files.size() > 1 && out == null) {
            throw new IllegalArgumentException("--format audacity writes one label track per file: with several files "
                    + "give --out DIR");
        }
        if (plot != null && files.size() > 1 && !Files.isDirectory(plot)) {
            throw new IllegalArgumentException("--plot with several files needs an existing directory (one PNG per file)");
        }
        return new Options(files, List.copyOf(queries), model, d, format, out, plot);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value; usage: flam " + SYNOPSIS);
        }
        return args.get(i);
    }

    private static int integer(List<String> args, int i, String option) {
        String v = value(args, i, option);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            // A cast of a parsed double would turn 1e12 into an odd 2^31 - 1, a valid length.
            throw new IllegalArgumentException(option + " needs a whole number, got '" + v + "'");
        }
    }

    private static double number(List<String> args, int i, String option) {
        String v = value(args, i, option);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + v + "'");
        }
    }

    /** Exit status when some files could not be processed (the others' results are printed). */
    static final int SOME_FAILED = 1;

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("flam detect: " + e.getMessage());
            return USAGE;
        }
        Detector detector = o.model() != null ? loader.load(o.model()) : loader.loadDefault();
        ModelDescription description = detector instanceof FlamDetector f ? f.description() : null;
        int rate = description != null ? description.encoderSpec().sampleRate() : 16_000;
        List<Result> results = new ArrayList<>();
        int failed = 0;
        for (Path file : o.files()) {
            // One bad file gets its error line and the batch goes on: nothing of the other
            // files' work is lost, and the exit status says that something failed.
            try {
                Result r = detect(detector, file, rate, o);
                results.add(r);
                err.printf(Locale.ROOT, "detect: %s (%.1f s of audio) in %.2f s: %d events%n", file, r.durationSeconds(),
                        r.seconds(), r.detection().events().size());
                write(r, o, description, rate, err);
            } catch (IOException | IllegalArgumentException e) {
                failed++;
                // Decoder errors name the file already; the others get it here.
                String message = String.valueOf(e.getMessage());
                err.println("flam detect: " + (message.startsWith(file.toString()) ? message : file + ": " + message));
            }
        }
        switch (o.format()) {
            case "json" -> out.println(json(results, detector, o.detection()));
            case "tsv" -> out.print(tsv(results));
            case "audacity" -> {
                if (o.out() == null && !results.isEmpty()) {
                    out.print(audacity(results.get(0).detection()));
                }
            }
            default -> out.print(table(results));
        }
        if (failed > 0) {
            err.printf(Locale.ROOT, "flam detect: %d of %d files failed%n", failed, o.files().size());
            return SOME_FAILED;
        }
        return OK;
    }

    /**
     * Detects in one file, streamed from the decoder: memory is the detector's window batch,
     * whatever the file's length ({@link Detector#detect(String, SampleStream, List,
     * DetectionOptions)}).
     *
     * @throws IOException if the file is missing, not a regular file, or cannot be decoded
     */
    static Result detect(Detector detector, Path file, int rate, Options o) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory, not an audio file");
        }
        if (!Files.isRegularFile(file)) {
            // A FIFO or a device could block forever or never end.
            throw new IOException("not a regular file (a pipe or a device?); give an audio file");
        }
        long t0 = System.nanoTime();
        try (AudioStream stream = AudioReader.open(file, rate)) {
            long[] samples = {0};
            SampleStream counted = new SampleStream() {
                @Override
                public int sampleRate() {
                    return stream.sampleRate();
                }

                @Override
                public int read(float[] buffer, int offset, int length) throws IOException {
                    int n = stream.read(buffer, offset, length);
                    samples[0] += Math.max(0, n);
                    return n;
                }

                @Override
                public void close() {
                    // closed below, with the file
                }
            };
            Detection d = detector.detect(String.valueOf(file.getFileName()), counted, o.queries(), o.detection());
            return new Result(file, (double) samples[0] / rate, d, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The per-file outputs: plot and Audacity labels, as asked. */
    private static void write(Result r, Options o, ModelDescription description, int rate, PrintStream err)
            throws IOException {
        Path file = r.file();
        if (o.plot() != null) {
            Path png = Files.isDirectory(o.plot()) ? o.plot().resolve(file.getFileName() + ".png") : o.plot();
            // The spectrogram needs the whole recording: read again, only when a plot is asked for.
            plot(png, AudioReader.read(file, rate), r.detection(), o.detection().threshold(), description);
            err.println("detect: plot written to " + png);
        }
        if (o.format().equals("audacity") && o.out() != null) {
            Files.createDirectories(o.out());
            Path labels = o.out().resolve(file.getFileName() + ".txt");
            ModelDirectory.writeAtomically(labels, audacity(r.detection()).getBytes(StandardCharsets.UTF_8));
            err.println("detect: Audacity labels written to " + labels);
        }
    }

    /**
     * One file's outcome.
     *
     * @param durationSeconds length of the recording, s
     * @param seconds         time taken to decode and detect, s
     */
    record Result(Path file, double durationSeconds, Detection detection, double seconds) {
    }

    /** A readable table: one row per event with its peak probability. */
    static String table(List<Result> results) {
        StringBuilder b = new StringBuilder();
        int width = 5;
        for (Result r : results) {
            for (String q : r.detection().queries()) {
                width = Math.max(width, q.length());
            }
        }
        b.append(String.format(Locale.ROOT, "%-24s %-" + width + "s %8s %8s %8s %6s%n", "file", "query", "onset", "offset",
                "duration", "peak"));
        for (Result r : results) {
            if (r.detection().events().isEmpty()) {
                b.append(String.format(Locale.ROOT, "%-24s %-" + width + "s %8s%n", r.file().getFileName(),
                        "(no event above the threshold)", ""));
            }
            for (SoundEvent e : r.detection().events()) {
                b.append(String.format(Locale.ROOT, "%-24s %-" + width + "s %8.2f %8.2f %8.2f %6.2f%n",
                        r.file().getFileName(), e.label(), e.onset(), e.offset(), e.offset() - e.onset(),
                        peak(r.detection(), e)));
            }
        }
        return b.toString();
    }

    /** Highest probability of the event's query inside the event. */
    static double peak(Detection d, SoundEvent e) {
        float[] p = d.probabilities()[d.queries().indexOf(e.label())];
        double max = 0;
        for (int f = 0; f < p.length; f++) {
            if (d.grid().offset(f) > e.onset() && d.grid().onset(f) < e.offset()) {
                max = Math.max(max, p[f]);
            }
        }
        return max;
    }

    /** DCASE TSV: {@code filename onset offset event_label}, with a header. */
    static String tsv(List<Result> results) {
        StringBuilder b = new StringBuilder("filename\tonset\toffset\tevent_label\n");
        for (Result r : results) {
            for (SoundEvent e : r.detection().events()) {
                b.append(String.format(Locale.ROOT, "%s\t%.3f\t%.3f\t%s%n", e.filename(), e.onset(),
                        e.offset(), e.label()));
            }
        }
        return b.toString();
    }

    /** An Audacity label track: {@code onset offset label} per line, tab-separated, no header. */
    static String audacity(Detection d) {
        StringBuilder b = new StringBuilder();
        for (SoundEvent e : d.events()) {
            b.append(String.format(Locale.ROOT, "%.6f\t%.6f\t%s%n", e.onset(), e.offset(), e.label()));
        }
        return b.toString();
    }

    static String json(List<Result> results, Detector detector, DetectionOptions options) {
        JsonArrayBuilder files = Json.createArrayBuilder();
        for (Result r : results) {
            Detection d = r.detection();
            JsonObjectBuilder probabilities = Json.createObjectBuilder();
            float[][] p = d.probabilities();
            for (int k = 0; k < d.queries().size(); k++) {
                JsonArrayBuilder row = Json.createArrayBuilder();
                for (float v : p[k]) {
                    row.add(Math.round(v * 1e4) / 1e4);
                }
                probabilities.add(d.queries().get(k), row);
            }
            JsonArrayBuilder events = Json.createArrayBuilder();
            for (SoundEvent e : d.events()) {
                events.add(Json.createObjectBuilder().add("query", e.label())
                        .add("onset", Math.round(e.onset() * 1e3) / 1e3).add("offset", Math.round(e.offset() * 1e3) / 1e3)
                        .add("peak", Math.round(peak(d, e) * 1e4) / 1e4));
            }
            files.add(Json.createObjectBuilder()
                    .add("file", r.file().toString())
                    .add("duration", r.durationSeconds())
                    .add("framesPerSecond", d.grid().framesPerSecond())
                    .add("frames", d.grid().frameCount())
                    .add("queries", Json.createArrayBuilder(d.queries()))
                    .add("probabilities", probabilities)
                    .add("events", events));
        }
        JsonObjectBuilder opts = Json.createObjectBuilder().add("threshold", options.threshold())
                .add("medianFilterFrames", options.medianFilterFrames())
                .add("minEventSeconds", options.minEventSeconds()).add("maxGapSeconds", options.maxGapSeconds())
                .add("calibration", options.calibration().name().toLowerCase(Locale.ROOT));
        return new String(ModelDirectory.toJson(Json.createObjectBuilder()
                .add("model", detector.model().notes())
                .add("options", opts)
                .add("files", files).build()), StandardCharsets.UTF_8).strip();
    }

    private static void plot(Path png, AudioClip clip, Detection d, double threshold, ModelDescription description)
            throws IOException {
        DetectionPlot.Builder b = DetectionPlot.builder().title(clip.id()).detection(d).threshold(threshold);
        if (description != null) {
            var s = description.encoderSpec();
            LogMelFrontEnd fe = new LogMelFrontEnd(new LogMelSpec(s.sampleRate(), s.window(), s.hop(), s.mels(),
                    s.fminHz(), s.fmaxHz()));
            float[][] mel = fe.compute(clip.samples());
            b.spectrogram(mel, (double) s.hop() / s.sampleRate());
        }
        b.build().writePng(png, 1200, 800);
    }
}
