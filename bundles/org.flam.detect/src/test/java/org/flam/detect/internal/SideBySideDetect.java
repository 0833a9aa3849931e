package org.flam.detect.internal;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flam.api.graph.testing.ArrayExport;
import org.flam.api.graph.testing.WorkerProtocol;
import org.flam.api.AudioClip;
import org.flam.api.Detection;
import org.flam.api.FlamProperties;
import org.flam.api.ModelManifest;
import org.flam.api.detect.DetectionOptions;
import org.flam.api.graph.AudioEncoderSpec;
import org.flam.api.graph.GraphBackend;
import org.flam.api.spi.TextEncoder;
import org.flam.audio.frontend.LogMelFrontEnd;
import org.flam.audio.frontend.LogMelSpec;
import org.flam.audio.io.AudioReader;
import org.flam.model.ModelDescription;
import org.flam.model.ModelDirectory;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J side of figures (c) and (d) of {@code bench/side-by-side.sh}, a worker steered line
 * by line on standard input (ND4J and PyTorch take turns, A B A B). The model is loaded as
 * {@link DetectBench} loads it (through {@link FlamModelLoader}, the detection assembly's
 * defaults, the real MiniLM text encoder), plus a second copy of its graph for the bare model
 * call.
 *
 * <p>(c) one graph call {@code log_mel -> frame_embeddings} on one 10 s window (the clip's
 * log-mel) and on 16 windows (the clip circularly shifted by 0, 1/16, ... 15/16 of its length);
 * the input array is made once, the call and the closing of its output are timed. (d) decode
 * the file and detect the 5 queries of {@link DetectBench#QUERIES} (text cache warm), as
 * {@code flam detect} does per file.
 *
 * <p>Commands, one per line; each answer is one line {@code @@ JSON} on standard output:
 * <ul>
 * <li>{@code export} writes to {@code DIR/detect} ({@link ArrayExport}) the graph's weights
 *     ({@code param/NAME}), MiniLM's features of the queries, the decoded 16 kHz samples, the two
 *     log-mel inputs, and the Java outputs: frame embeddings of both inputs, text embeddings,
 *     scale and bias, stitched calibrated probabilities before ({@code out/raw}) and after
 *     ({@code out/probabilities}) the median filter, {@code [queries, frames]}.</li>
 * <li>{@code c1 N}, {@code c16 N}, {@code d N}: N timed runs; answers {@code {"ms": [...]}}.</li>
 * <li>{@code quit}.</li>
 * </ul>
 *
 * <p>Usage: {@code SideBySideDetect MODEL_DIR CLIP DIR}. A benchmark helper, not product code.
 */
public final class SideBySideDetect {

    private final FlamDetector detector;
    private final TextEncoder text;
    private final SameDiff graph;
    private final AudioEncoderSpec spec;
    private final Path clipFile;
    private final AudioClip clip;
    private final INDArray mel1;
    private final INDArray mel16;
    private final FlamModelLoaderConfiguration config;

    private SideBySideDetect(Path modelDir, Path clipFile) throws Exception {
        GraphBackend backend = DetectBench.backend();
        text = DetectBench.miniLm();
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
        config = (FlamModelLoaderConfiguration) Proxy.newProxyInstance(
                FlamModelLoaderConfiguration.class.getClassLoader(), new Class<?>[] {FlamModelLoaderConfiguration.class},
                (p, method, a) -> method.getDefaultValue());
        FlamModelLoader loader = new FlamModelLoader(config, backend, List.of(new AbstractMap.SimpleImmutableEntry<>(
                Map.<String, Object>of(FlamProperties.NAME, description.textEncoder()), text)), installed,
                w -> System.err.println("warning: " + w));
        detector = (FlamDetector) loader.load(modelDir);
        graph = backend.load(md.graphFile(), false);
        spec = description.encoderSpec();
        this.clipFile = clipFile;
        AudioClip decoded = AudioReader.read(clipFile, spec.sampleRate());
        clip = new AudioClip(clipFile.getFileName().toString(), decoded.samples(), spec.sampleRate());
        LogMelFrontEnd frontEnd = new LogMelFrontEnd(new LogMelSpec(spec.sampleRate(), spec.window(), spec.hop(),
                spec.mels(), spec.fminHz(), spec.fmaxHz()));
        int len = spec.samplesPerClip();
        float[] window = Arrays.copyOf(clip.samples(), len);
        int frameValues = spec.mels() * spec.melFrames();
        float[] batch = new float[16 * frameValues];
        for (int w = 0; w < 16; w++) {
            float[] shifted = new float[len];
            int shift = w * (len / 16);
            for (int i = 0; i < len; i++) {
                shifted[i] = window[(i + shift) % len];
            }
            flatten(frontEnd.compute(shifted), batch, w * frameValues);
        }
        mel16 = Nd4j.create(batch, new long[] {16, spec.mels(), spec.melFrames()}, DataType.FLOAT);
        mel1 = mel16.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup('c');
    }

    private static void flatten(float[][] mel, float[] out, int offset) {
        int t = mel[0].length;
        for (int m = 0; m < mel.length; m++) {
            System.arraycopy(mel[m], 0, out, offset + m * t, t);
        }
    }

    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]);
        Path clipFile = Path.of(args[1]);
        Path dir = Path.of(args[2]);
        WorkerProtocol protocol = new WorkerProtocol();
        SideBySideDetect w = new SideBySideDetect(modelDir, clipFile);
        // the first detection waits for MiniLM and fills the text cache
        w.detector.detect(w.clip, DetectBench.QUERIES, DetectionOptions.DEFAULTS);
        protocol.answer(Map.of("ready", true));
        protocol.serve(Map.of(
                "export", a -> w.export(dir.resolve("detect")),
                "c1", a -> Map.of("ms", w.timeCall(w.mel1, Integer.parseInt(a[0]))),
                "c16", a -> Map.of("ms", w.timeCall(w.mel16, Integer.parseInt(a[0]))),
                "d", a -> Map.of("ms", w.timeDetect(Integer.parseInt(a[0])))));
    }

    private Map<String, Object> export(Path dir) throws Exception {
        ArrayExport x = new ArrayExport(dir);
        int params = 0;
        for (SDVariable v : graph.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                x.put("param/" + v.name(), v.getArr());
                params++;
            }
        }
        List<String> queries = DetectBench.QUERIES;
        float[][] features = text.encode(queries);
        float[] flat = new float[queries.size() * features[0].length];
        for (int i = 0; i < features.length; i++) {
            System.arraycopy(features[i], 0, flat, i * features[i].length, features[i].length);
        }
        INDArray u = Nd4j.create(flat, new long[] {queries.size(), features[0].length}, DataType.FLOAT);
        x.put("in/text_features", u);
        x.put("in/samples_16k", clip.samples(), clip.samples().length);
        x.put("in/log_mel_1", mel1);
        x.put("in/log_mel_16", mel16);
        x.put("out/frame_embeddings_1", call(mel1));
        x.put("out/frame_embeddings_16", call(mel16));
        Map<String, INDArray> t = graph.output(Map.of(ModelDescription.TEXT_FEATURES, u),
                ModelDescription.TEXT_EMBEDDINGS, ModelDescription.LOGIT_SCALE, ModelDescription.LOGIT_BIAS);
        for (Map.Entry<String, INDArray> e : t.entrySet()) {
            x.put("out/" + e.getKey(), e.getValue());
        }
        FlamDetector.Raw raw = detector.probabilities(clip, queries, DetectionOptions.Calibration.UNBIASED);
        x.put("out/raw", flat(raw.values()), raw.values().length, raw.values()[0].length);
        Detection d = detector.detect(clip, queries, DetectionOptions.DEFAULTS);
        x.put("out/probabilities", flat(d.probabilities()), d.probabilities().length, d.probabilities()[0].length);
        Map<String, Object> meta = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sampleRate", spec.sampleRate());
        s.put("window", spec.window());
        s.put("hop", spec.hop());
        s.put("mels", spec.mels());
        s.put("fminHz", spec.fminHz());
        s.put("fmaxHz", spec.fmaxHz());
        s.put("clipSeconds", spec.clipSeconds());
        s.put("framesPerClip", spec.framesPerClip());
        s.put("featureSize", spec.featureSize());
        s.put("melFrames", spec.melFrames());
        s.put("samplesPerClip", spec.samplesPerClip());
        meta.put("spec", s);
        meta.put("queries", queries);
        meta.put("window_overlap", config.windowOverlap());
        meta.put("window_batch", config.windowBatch());
        meta.put("median_filter_frames", DetectionOptions.DEFAULTS.medianFilterFrames());
        meta.put("calibration", DetectionOptions.DEFAULTS.calibration().name());
        meta.put("events", d.events().size());
        x.finish(meta);
        return Map.of("exported", dir.toString(), "parameters", params, "events", d.events().size());
    }

    private static float[] flat(float[][] v) {
        float[] out = new float[v.length * v[0].length];
        for (int i = 0; i < v.length; i++) {
            System.arraycopy(v[i], 0, out, i * v[i].length, v[i].length);
        }
        return out;
    }

    private INDArray call(INDArray logMel) {
        return graph.output(Map.of(ModelDescription.LOG_MEL, logMel), ModelDescription.FRAME_EMBEDDINGS)
                .get(ModelDescription.FRAME_EMBEDDINGS);
    }

    private double[] timeCall(INDArray logMel, int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            call(logMel).close();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private double[] timeDetect(int n) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            AudioClip decoded = AudioReader.read(clipFile, spec.sampleRate());
            detector.detect(new AudioClip(clipFile.getFileName().toString(), decoded.samples(), spec.sampleRate()),
                    DetectBench.QUERIES, DetectionOptions.DEFAULTS);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }
}
