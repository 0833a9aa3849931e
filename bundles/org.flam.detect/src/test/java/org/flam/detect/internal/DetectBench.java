package org.flam.detect.internal;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.flam.api.AudioClip;
import org.flam.api.Detection;
import org.flam.api.FlamProperties;
import org.flam.api.ModelManifest;
import org.flam.api.detect.DetectionOptions;
import org.flam.api.detect.Detector;
import org.flam.api.graph.AudioEncoderSpec;
import org.flam.api.graph.GraphBackend;
import org.flam.api.graph.testing.PlainGraphBackend;
import org.flam.api.spi.TextEncoder;
import org.flam.audio.frontend.LogMelFrontEnd;
import org.flam.audio.frontend.LogMelSpec;
import org.flam.audio.io.AudioReader;
import org.flam.audio.io.WavWriter;
import org.flam.model.ModelDescription;
import org.flam.model.ModelDirectory;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark of {@link FlamDetector} in one JVM, without OSGi (run by {@code bench/detect.sh}):
 * the model loaded through {@link FlamModelLoader} as the detection assembly configures it
 * (defaults of {@code org.flam.detect}: windows overlapping by half, 16 windows per graph call),
 * with the real MiniLM text encoder (constructed reflectively from {@code org.flam.text.minilm},
 * whose classes the script puts on the class path).
 *
 * <pre>
 * DetectBench wav OUT.wav MINUTES            a 16 kHz PCM16 recording: noise with tones
 * DetectBench run MODEL CLIP RUNS LONG.wav   warm latency of one clip; throughput on LONG.wav
 * </pre>
 */
public final class DetectBench {

    static final List<String> QUERIES = List.of("mine metal", "male death", "a dog barks", "glass shatters",
            "footsteps on gravel");

    private DetectBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "wav" -> writeRecording(Path.of(args[1]), Double.parseDouble(args[2]));
            case "run" -> run(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? Path.of(args[4]) : null);
            default -> {
                System.err.println("usage: DetectBench wav OUT.wav MINUTES | run MODEL CLIP RUNS [LONG.wav]");
                System.exit(2);
            }
        }
    }

    /**
     * Pink-ish noise at -30 dBFS with a tone burst (0.5-3 s, 200-4000 Hz, -12 dBFS) starting
     * every 7 s on average; seeded, so every run measures the same recording.
     */
    static void writeRecording(Path out, double minutes) throws Exception {
        int rate = 16_000;
        int n = (int) Math.round(minutes * 60 * rate);
        float[] x = new float[n];
        SplittableRandom r = new SplittableRandom(42);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            lp = 0.97 * lp + 0.03 * (r.nextDouble() * 2 - 1);
            x[i] = (float) (0.03 * ((r.nextDouble() * 2 - 1) * 0.3 + lp * 3));
        }
        int tones = 0;
        for (int start = r.nextInt(7 * rate); start < n; start += rate + r.nextInt(12 * rate)) {
            int len = Math.min(n - start, (int) ((0.5 + 2.5 * r.nextDouble()) * rate));
            double f = 200 + 3800 * r.nextDouble();
            int ramp = rate / 100;
            for (int i = 0; i < len; i++) {
                double env = Math.min(1.0, Math.min(i, len - 1 - i) / (double) ramp);
                x[start + i] += (float) (0.25 * env * Math.sin(2 * Math.PI * f * i / rate));
            }
            tones++;
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        WavWriter.write(out, x, rate, WavWriter.Encoding.PCM_16);
        System.out.printf(Locale.ROOT, "wrote %s: %.1f min at 16 kHz, %d tone bursts%n", out, minutes, tones);
    }

    static void run(Path modelDir, Path clipFile, int runs, Path longFile) throws Exception {
        long t0 = System.nanoTime();
        GraphBackend backend = backend();
        TextEncoder text = miniLm();
        ModelDirectory md = new ModelDirectory(modelDir);
        ModelDescription description = md.readDescription();
        ModelManifest manifest = md.readManifest();
        Map<String, String> installed = new HashMap<>();
        for (ModelManifest.BundleRef b : manifest.bundles()) {
            installed.put(b.symbolicName(), b.version());
        }
        for (String bsn : description.requires()) {
            installed.putIfAbsent(bsn, "0.1.0");
        }
        FlamModelLoaderConfiguration config = (FlamModelLoaderConfiguration) Proxy.newProxyInstance(
                FlamModelLoaderConfiguration.class.getClassLoader(), new Class<?>[] {FlamModelLoaderConfiguration.class},
                (p, method, a) -> method.getDefaultValue());
        FlamModelLoader loader = new FlamModelLoader(config, backend, List.of(new AbstractMap.SimpleImmutableEntry<>(
                Map.<String, Object>of(FlamProperties.NAME, description.textEncoder()), text)), installed,
                w -> System.err.println("warning: " + w));
        Detector detector = loader.load(modelDir);
        double loadMs = ms(t0);

        AudioEncoderSpec spec = description.encoderSpec();
        int rate = spec.sampleRate();
        AudioClip clip = AudioReader.read(clipFile, rate);
        clip = new AudioClip(clipFile.getFileName().toString(), clip.samples(), rate);
        DetectionOptions options = DetectionOptions.DEFAULTS;
        long t1 = System.nanoTime();
        Detection first = detector.detect(clip, QUERIES, options);
        double firstMs = ms(t1);

        // Baselines: the log-mel front end of one clip (what every window costs before the
        // graph), and one graph call on one window (the encoder alone), on a second copy of
        // the graph so nothing of the detector's state is shared.
        LogMelFrontEnd frontEnd = new LogMelFrontEnd(new LogMelSpec(spec.sampleRate(), spec.window(), spec.hop(),
                spec.mels(), spec.fminHz(), spec.fmaxHz()));
        float[] window = Arrays.copyOf(clip.samples(), spec.samplesPerClip());
        SameDiff graph = backend.load(md.graphFile(), false);
        int windows = new Windows(clip.sampleCount(), spec.samplesPerClip(), spec.framesPerClip(),
                Math.max(1, (int) Math.round(spec.framesPerClip() * (1 - config.windowOverlap())))).count();

        int warmup = Math.max(3, runs / 5);
        double[] detect = new double[runs];
        double[] decodeDetect = new double[runs];
        double[] front = new double[runs];
        double[] call = new double[runs];
        for (int i = -warmup; i < runs; i++) {
            // interleaved, so every figure sees the same background load
            long a = System.nanoTime();
            float[][] mel = frontEnd.compute(window);
            long b = System.nanoTime();
            graphCall(graph, mel, spec);
            long c = System.nanoTime();
            detector.detect(clip, QUERIES, options);
            long d = System.nanoTime();
            AudioClip decoded = AudioReader.read(clipFile, rate);
            detector.detect(new AudioClip(clipFile.getFileName().toString(), decoded.samples(), rate), QUERIES, options);
            long e = System.nanoTime();
            if (i >= 0) {
                front[i] = (b - a) / 1e6;
                call[i] = (c - b) / 1e6;
                detect[i] = (d - c) / 1e6;
                decodeDetect[i] = (e - d) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "model %s: %s encoder, %d Hz, %.0f s clips, %d frames; text %s%n", modelDir,
                description.encoder(), rate, spec.clipSeconds(), spec.framesPerClip(), description.textEncoder());
        System.out.printf(Locale.ROOT, "  load (backend, MiniLM start, graph)            %8.0f ms%n", loadMs);
        System.out.printf(Locale.ROOT, "  first detection (MiniLM load wait, 5 queries)  %8.0f ms  (%d events)%n",
                firstMs, first.events().size());
        System.out.printf(Locale.ROOT, "1. warm latency, %s (%.1f s, %d window%s), %d queries, %d runs after %d warm-up:%n",
                clipFile.getFileName(), clip.durationSeconds(), windows, windows == 1 ? "" : "s", QUERIES.size(), runs,
                warmup);
        double fm = median(front);
        double cm = median(call);
        row("baseline: log-mel front end, one 10 s window", front, fm, cm);
        row("baseline: one graph call, one window", call, fm, cm);
        row("detect (16 kHz clip in memory)", detect, fm, cm);
        row("decode file + detect (as flam detect per file)", decodeDetect, fm, cm);

        if (longFile != null) {
            System.gc();
            long l0 = System.nanoTime();
            AudioClip rec = AudioReader.read(longFile, rate);
            double decodeS = ms(l0) / 1000;
            long l1 = System.nanoTime();
            Detection det = detector.detect(rec, QUERIES, options);
            double detectS = ms(l1) / 1000;
            double audioS = rec.durationSeconds();
            double total = decodeS + detectS;
            double per10 = detectS * 1000 / (audioS / spec.clipSeconds());
            System.out.printf(Locale.ROOT, "2. throughput, %s (%.1f min of 16 kHz audio), %d queries, one run:%n",
                    longFile.getFileName(), audioS / 60, QUERIES.size());
            System.out.printf(Locale.ROOT, "  decode                   %8.2f s%n", decodeS);
            System.out.printf(Locale.ROOT, "  detect                   %8.2f s   RTF %.4f  (%.0f x real time), %d frames, %d events%n",
                    detectS, detectS / audioS, audioS / detectS, det.grid().frameCount(), det.events().size());
            System.out.printf(Locale.ROOT, "  decode + detect          %8.2f s   RTF %.4f  (%.0f x real time)%n", total,
                    total / audioS, audioS / total);
            System.out.printf(Locale.ROOT, "  detect per %.0f s of audio %8.1f ms  (%.2f x the warm clip median, %.2f x one graph call)%n",
                    spec.clipSeconds(), per10, per10 / median(detect), per10 / cm);
        }
        System.out.flush();
        System.exit(0); // MiniLM's and ND4J's threads
    }

    private static void graphCall(SameDiff graph, float[][] mel, AudioEncoderSpec spec) {
        float[] flat = new float[spec.mels() * spec.melFrames()];
        for (int m = 0; m < spec.mels(); m++) {
            System.arraycopy(mel[m], 0, flat, m * spec.melFrames(), spec.melFrames());
        }
        graph.output(Map.of(ModelDescription.LOG_MEL, Nd4j.create(flat, new long[] {1, spec.mels(), spec.melFrames()},
                DataType.FLOAT)), ModelDescription.FRAME_EMBEDDINGS).get(ModelDescription.FRAME_EMBEDDINGS);
    }

    private static void row(String name, double[] v, double front, double call) {
        double m = median(v);
        System.out.printf(Locale.ROOT, "  %-48s median %8.1f ms  p90 %8.1f ms  (%6.2f x front end, %5.2f x graph call)%n",
                name, m, percentile(v, 0.9), m / front, m / call);
    }

    /** As org.flam.nd4j's backend loads graphs: SameDiff's cache off. */
    static GraphBackend backend() {
        return new PlainGraphBackend();
    }

    /**
     * org.flam.text.minilm's encoder as the assemblies configure it (cache 4096, 1 thread,
     * model file in its default cache folder), through its class-path constructor.
     */
    @SuppressWarnings("unchecked")
    static TextEncoder miniLm() throws Exception {
        Class<?> c = Class.forName("org.flam.text.minilm.internal.MiniLmTextEncoder");
        Constructor<?> k = c.getDeclaredConstructor(int.class, int.class, Path.class, Function.class);
        k.setAccessible(true);
        ClassLoader cl = c.getClassLoader();
        java.lang.reflect.Method dir = Class.forName("org.flam.text.minilm.internal.ModelFiles")
                .getDeclaredMethod("defaultCacheDir");
        dir.setAccessible(true);
        Path cache = (Path) dir.invoke(null);
        Function<String, InputStream> resources = name -> cl.getResourceAsStream(name.substring("model/".length()));
        return (TextEncoder) k.newInstance(4096, 1, cache, resources);
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    static double median(double[] v) {
        return percentile(v, 0.5);
    }

    /** Nearest rank. */
    static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.max(0, Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1))];
    }
}
