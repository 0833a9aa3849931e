package org.flam.detect.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.flam.api.AudioClip;
import org.flam.api.Detection;
import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.ModelManifest;
import org.flam.api.SampleStream;
import org.flam.api.SoundEvent;
import org.flam.api.detect.DetectionOptions;
import org.flam.api.detect.Detector;
import org.flam.api.graph.AudioEncoderSpec;
import org.flam.api.spi.TextEncoder;
import org.flam.audio.frontend.LogMelFrontEnd;
import org.flam.audio.frontend.LogMelSpec;
import org.flam.metrics.SedPostprocessing;
import org.flam.model.ModelDescription;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A loaded model as a {@link Detector} (SPEC §3).
 *
 * <p>Per recording, read as a stream ({@link WindowReader}): resample to the encoder's rate as
 * it is read; cut into {@link Windows}, one window in memory at a time; log-mel per
 * window by the encoder's front end; frame embeddings {@code a [W, F, D]} in batches of
 * {@code windowBatch} windows; per query {@code e [D]}, {@code s}, {@code b} (cached by text);
 * {@code p = σ(s <a, e> + b)} and the calibrated output {@code p / (p + σ(b))} (unbiased) or
 * {@code σ(s <a, e>)} (approximate); stitch the windows; median filter; events.
 *
 * <p>Thread-safe: graph execution is serialised (one SameDiff instance), everything else is
 * per call.
 */
final class FlamDetector implements Detector {

    private final SameDiff graph;
    private final ModelDescription description;
    private final ModelManifest manifest;
    private final TextEncoder textEncoder;
    private final LogMelFrontEnd frontEnd;
    private final int hopFrames;
    private final int windowBatch;
    private final Map<String, float[]> textCache;

    FlamDetector(SameDiff graph, ModelDescription description, ModelManifest manifest, TextEncoder textEncoder,
            double overlap, int windowBatch, int textCacheSize) {
        this.graph = graph;
        this.description = description;
        this.manifest = manifest;
        this.textEncoder = textEncoder;
        AudioEncoderSpec s = description.encoderSpec();
        this.frontEnd = new LogMelFrontEnd(new LogMelSpec(s.sampleRate(), s.window(), s.hop(), s.mels(), s.fminHz(),
                s.fmaxHz()));
        this.hopFrames = Math.max(1, (int) Math.round(s.framesPerClip() * (1 - overlap)));
        this.windowBatch = windowBatch;
        this.textCache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > textCacheSize;
            }
        };
    }

    @Override
    public ModelManifest model() {
        return manifest;
    }

    ModelDescription description() {
        return description;
    }

    /** Frame rate of the detections, from the encoder (never assumed). */
    double framesPerSecond() {
        return description.encoderSpec().framesPerSecond();
    }

    @Override
    public Detection detect(String id, SampleStream audio, List<String> queries, DetectionOptions options)
            throws IOException {
        Objects.requireNonNull(audio, "audio");
        String name = Objects.requireNonNull(id, "id").replaceAll("[\\t\\r\\n]", " ");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the recording's id must not be blank");
        }
        Raw raw = probabilities(name, audio, queries, options.calibration());
        FrameScores scores = FrameScores.ofColumns(raw.grid(), queries, raw.values());
        FrameScores filtered = options.medianFilterFrames() > 1
                ? SedPostprocessing.medianFilter(scores, options.medianFilterFrames()) : scores;
        float[][] p = new float[queries.size()][];
        List<SoundEvent> events = new ArrayList<>();
        for (int k = 0; k < queries.size(); k++) {
            p[k] = filtered.column(queries.get(k));
            events.addAll(Events.of(name, queries.get(k), p[k], raw.grid(), raw.durationSeconds(),
                    options.threshold(), options.minEventSeconds(), options.maxGapSeconds()));
        }
        events.sort((x, y) -> x.onset() != y.onset() ? Double.compare(x.onset(), y.onset())
                : x.label().compareTo(y.label()));
        return new Detection(queries, raw.grid(), p, events);
    }

    /**
     * Stitched calibrated probabilities before filtering: {@code float[K][frames]}, and the
     * recording's duration in seconds.
     */
    record Raw(FrameGrid grid, float[][] values, double durationSeconds) {
    }

    /** {@link #probabilities(String, SampleStream, List, DetectionOptions.Calibration)} of a clip. */
    Raw probabilities(AudioClip audio, List<String> queries, DetectionOptions.Calibration calibration) {
        try (SampleStream stream = SampleStream.of(audio)) {
            return probabilities(audio.id(), stream, queries, calibration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the stream window by window (SPEC §3, {@link Windows}): window {@code w} holds
     * samples {@code [w h s, w h s + L)} at the encoder's rate, zero past the end; windows are
     * encoded {@code windowBatch} at a time. Window {@code w > 0} exists when the recording has
     * more than {@code (w h + F - h) s} samples ({@link Windows#count()}), which is known once the
     * window before it has been read and one more sample looked for, so the windows are exactly
     * those of {@link Windows} on the whole recording and the output equals encoding it in one
     * piece. Memory: one window of samples, one batch of log-mel inputs, and {@code K F} floats
     * per window of output.
     */
    Raw probabilities(String id, SampleStream audio, List<String> queries, DetectionOptions.Calibration calibration)
            throws IOException {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("at least one query is needed");
        }
        for (int i = 0; i < queries.size(); i++) {
            if (queries.get(i) == null || queries.get(i).isBlank()) {
                throw new IllegalArgumentException("query " + i + " is blank");
            }
        }
        AudioEncoderSpec spec = description.encoderSpec();
        int f = spec.framesPerClip();
        int d = description.embeddingSize();
        int k = queries.size();
        int clipSamples = spec.samplesPerClip();
        int frameSamples = clipSamples / f;
        int hopSamples = hopFrames * frameSamples;

        float[][] text = textEmbeddings(queries);
        float[][] e = new float[k][];
        float[] s = new float[k];
        float[] b = new float[k];
        for (int q = 0; q < k; q++) {
            e[q] = Arrays.copyOf(text[q], d);
            s[q] = text[q][d];
            b[q] = text[q][d + 1];
        }
        WindowReader reader = new WindowReader(id, audio, spec.sampleRate(), clipSamples, hopSamples);
        List<float[][]> perWindow = new ArrayList<>(); // [w][K][F]
        int batchWindows = 0;
        float[] logMel = new float[windowBatch * spec.mels() * spec.melFrames()];
        for (int w = 0;; w++) {
            // Before window w > 0, the windows so far hold exactly (w h + F - h) s samples, so
            // "more than that" is whether the stream has another sample.
            if (w > 0) {
                if (!reader.hasMore()) {
                    break;
                }
                reader.advance();
            }
            float[][] m = frontEnd.compute(reader.window());
            for (int mel = 0; mel < spec.mels(); mel++) {
                System.arraycopy(m[mel], 0, logMel, (batchWindows * spec.mels() + mel) * spec.melFrames(),
                        spec.melFrames());
            }
            if (++batchWindows == windowBatch) {
                encode(logMel, batchWindows, e, s, b, calibration, perWindow);
                batchWindows = 0;
            }
        }
        if (batchWindows > 0) {
            encode(logMel, batchWindows, e, s, b, calibration, perWindow);
        }
        Windows windows = new Windows(reader.samplesRead(), clipSamples, f, hopFrames);
        if (windows.count() != perWindow.size()) {
            throw new IllegalStateException(windows.count() + " windows expected, " + perWindow.size() + " encoded");
        }
        int[][] src = windows.sources();
        float[][] values = new float[k][src.length];
        for (int j = 0; j < src.length; j++) {
            for (int q = 0; q < k; q++) {
                values[q][j] = perWindow.get(src[j][0])[q][src[j][1]];
            }
        }
        FrameGrid grid = new FrameGrid(spec.framesPerSecond(), windows.frames());
        return new Raw(grid, values, (double) reader.samplesRead() / spec.sampleRate());
    }

    /**
     * Frame embeddings of the first {@code windows} log-mel inputs of the batch
     * {@code [windows, mels, melFrames]}, scored against every query; appends one
     * {@code float[K][F]} per window.
     */
    private void encode(float[] logMel, int windows, float[][] e, float[] s, float[] b,
            DetectionOptions.Calibration calibration, List<float[][]> perWindow) {
        AudioEncoderSpec spec = description.encoderSpec();
        int f = spec.framesPerClip();
        int d = description.embeddingSize();
        int k = e.length;
        float[] frames; // [w, F, D]
        // Input and output are closed at once: native arrays with tiny Java objects would
        // otherwise wait for a garbage collection, and a server would grow without bound.
        int length = windows * spec.mels() * spec.melFrames();
        // Nd4j.create copies into native memory; only the last, partial batch needs a shorter array.
        try (INDArray input = Nd4j.create(length == logMel.length ? logMel : Arrays.copyOf(logMel, length),
                new long[] {windows, spec.mels(), spec.melFrames()}, DataType.FLOAT)) {
            INDArray a;
            synchronized (graph) {
                a = graph.output(Map.of(ModelDescription.LOG_MEL, input), ModelDescription.FRAME_EMBEDDINGS)
                        .get(ModelDescription.FRAME_EMBEDDINGS);
            }
            frames = a.reshape(a.length()).toFloatVector();
            a.close();
        }
        for (int w = 0; w < windows; w++) {
            float[][] out = new float[k][f];
            for (int fr = 0; fr < f; fr++) {
                int base = (w * f + fr) * d;
                for (int q = 0; q < k; q++) {
                    double cos = 0;
                    for (int j = 0; j < d; j++) {
                        cos += frames[base + j] * e[q][j];
                    }
                    out[q][fr] = (float) calibrated(s[q] * cos, b[q], calibration);
                }
            }
            perWindow.add(out);
        }
    }

    /**
     * SPEC §3. {@code z = s <a, e>}. Unbiased: {@code p = σ(z + b)}, {@code p / (p + σ(b))},
     * computed as {@code 1 / (1 + σ(b) / p)} in double precision; approximate: {@code σ(z)}.
     */
    static double calibrated(double z, double b, DetectionOptions.Calibration calibration) {
        if (calibration == DetectionOptions.Calibration.APPROXIMATE) {
            return sigmoid(z);
        }
        double p = sigmoid(z + b);
        double prior = sigmoid(b);
        double out = p / (p + prior);
        return Double.isNaN(out) ? 0.0 : Math.min(1.0, Math.max(0.0, out));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static float[] flat(INDArray x) {
        return x.castTo(DataType.FLOAT).reshape(x.length()).toFloatVector();
    }

    /** Per query: {@code e} (D values), then {@code s}, then {@code b}; cached by text. */
    private float[][] textEmbeddings(List<String> queries) {
        float[][] out = new float[queries.size()][];
        List<String> missing = new ArrayList<>();
        synchronized (textCache) {
            for (int i = 0; i < queries.size(); i++) {
                out[i] = textCache.get(queries.get(i));
                if (out[i] == null && !missing.contains(queries.get(i))) {
                    missing.add(queries.get(i));
                }
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        float[][] features = textEncoder.encode(missing);
        int h = features[0].length;
        float[] flat = new float[missing.size() * h];
        for (int i = 0; i < missing.size(); i++) {
            System.arraycopy(features[i], 0, flat, i * h, h);
        }
        Map<String, INDArray> r;
        try (INDArray input = Nd4j.create(flat, new long[] {missing.size(), h}, DataType.FLOAT)) {
            synchronized (graph) {
                r = graph.output(Map.of(ModelDescription.TEXT_FEATURES, input), ModelDescription.TEXT_EMBEDDINGS,
                        ModelDescription.LOGIT_SCALE, ModelDescription.LOGIT_BIAS);
            }
        }
        int d = description.embeddingSize();
        float[] e = flat(r.get(ModelDescription.TEXT_EMBEDDINGS));
        float[] s = flat(r.get(ModelDescription.LOGIT_SCALE));
        float[] b = flat(r.get(ModelDescription.LOGIT_BIAS));
        r.values().forEach(INDArray::close);
        Map<String, float[]> computed = new LinkedHashMap<>();
        for (int i = 0; i < missing.size(); i++) {
            float[] v = new float[d + 2];
            System.arraycopy(e, i * d, v, 0, d);
            v[d] = s[i];
            v[d + 1] = b[i];
            computed.put(missing.get(i), v);
        }
        synchronized (textCache) {
            textCache.putAll(computed);
        }
        for (int i = 0; i < queries.size(); i++) {
            if (out[i] == null) {
                out[i] = computed.get(queries.get(i));
            }
        }
        return out;
    }
}
