package org.flam.detect.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import org.flam.api.AudioClip;
import org.flam.api.Detection;
import org.flam.api.FlamProperties;
import org.flam.api.ModelManifest;
import org.flam.api.SampleStream;
import org.flam.api.SoundEvent;
import org.flam.api.detect.DetectionOptions;
import org.flam.api.detect.Detector;
import org.flam.api.graph.AudioEncoderSpec;
import org.flam.api.graph.GraphBackend;
import org.flam.api.graph.testing.PlainGraphBackend;
import org.flam.api.spi.TextEncoder;
import org.flam.audio.io.Resampler;
import org.flam.model.ModelDescription;
import org.flam.model.ModelDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The loader and detector on a hand-built model whose answer is known: a frame is "loud" when
 * its loudest mel band is above -40 dB, and every query detects loud frames with scale 10 and
 * bias -8. Clips of 2 s at 8 kHz, 8 frames of 0.25 s.
 */
class FlamModelLoaderTest {

    static final AudioEncoderSpec SPEC = new AudioEncoderSpec(8000, 256, 80, 16, 50, 4000, 2.0, 8, 2);
    static final int TEXT_DIM = 4;

    @TempDir
    Path dir;
    Path model;

    static GraphBackend backend() {
        return new PlainGraphBackend();
    }

    static TextEncoder text() {
        return new TextEncoder() {
            @Override
            public int dimension() {
                return TEXT_DIM;
            }

            @Override
            public float[][] encode(List<String> texts) {
                float[][] f = new float[texts.size()][TEXT_DIM];
                for (int i = 0; i < f.length; i++) {
                    f[i][0] = texts.get(i).length();
                }
                return f;
            }
        };
    }

    @BeforeEach
    void writeModel() throws IOException {
        model = writeModel(dir.resolve("model"));
    }

    /** Writes the hand-built model into {@code model} (created); returns it. */
    static Path writeModel(Path model) throws IOException {
        Files.createDirectories(model);
        SameDiff sd = backend().newGraph();
        int time = SPEC.melFrames();
        int frames = SPEC.framesPerClip();
        SDVariable logMel = sd.placeHolder(ModelDescription.LOG_MEL, DataType.FLOAT, -1, SPEC.mels(), time);
        SDVariable textFeatures = sd.placeHolder(ModelDescription.TEXT_FEATURES, DataType.FLOAT, -1, TEXT_DIM);
        float[] pool = new float[time * frames];
        for (int t = 0; t < time; t++) {
            pool[t * frames + Math.min(frames - 1, t * frames / time)] = 1f / (time / (float) frames);
        }
        SDVariable level = logMel.max(1).mmul(sd.constant(Nd4j.create(pool, new long[] {time, frames}, DataType.FLOAT)));
        SDVariable z = level.add(40.0).div(10.0);
        SDVariable pair = sd.concat(2, sd.reshape(z, -1, frames, 1), sd.onesLike(sd.reshape(z, -1, frames, 1)));
        SDVariable norm = sd.math.sqrt(pair.mul(pair).sum(true, 2));
        sd.identity(ModelDescription.FRAME_EMBEDDINGS, pair.div(norm));
        SDVariable zeros = textFeatures.mmul(sd.constant(Nd4j.zeros(DataType.FLOAT, TEXT_DIM, 2)));
        sd.identity(ModelDescription.TEXT_EMBEDDINGS, zeros.add(sd.constant(Nd4j.createFromArray(1f, 0f))));
        SDVariable column = textFeatures.mmul(sd.constant(Nd4j.zeros(DataType.FLOAT, TEXT_DIM, 1))).reshape(-1);
        sd.identity(ModelDescription.LOGIT_SCALE, column.add(10.0));
        sd.identity(ModelDescription.LOGIT_BIAS, column.sub(8.0));
        sd.save(new ModelDirectory(model).graphFile().toFile(), false);
        ModelDirectory m = new ModelDirectory(model);
        m.writeDescription(new ModelDescription(ModelDescription.FORMAT, "hand", SPEC, "hand", 2, "test", TEXT_DIM,
                List.of("flam"), List.of("org.flam.nd4j")));
        m.writeManifest(new ModelManifest(List.of(new ModelManifest.BundleRef("org.flam.nd4j", "0.1.0")), Map.of(), 3,
                "ab", Instant.EPOCH, "hand-built"));
        m.writeChecksums();
        return model;
    }

    static FlamModelLoader loader(Map<String, String> installed, String textName) {
        FlamModelLoaderConfiguration c = (FlamModelLoaderConfiguration) Proxy.newProxyInstance(
                FlamModelLoaderConfiguration.class.getClassLoader(), new Class<?>[] {FlamModelLoaderConfiguration.class},
                (p, method, args) -> method.getDefaultValue());
        return new FlamModelLoader(c, backend(),
                List.of(new AbstractMap.SimpleImmutableEntry<>(Map.<String, Object>of(FlamProperties.NAME, textName), text())),
                installed, WARNINGS::add);
    }

    /** What the loaders of these tests warned. */
    static final List<String> WARNINGS = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /** 9 s at 8 kHz: quiet noise with a loud tone from 3.0 to 5.0 s and from 7.5 to 8.0 s. */
    static AudioClip recording() {
        float[] x = new float[72_000];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int n = 0; n < x.length; n++) {
            double t = n / 8000.0;
            x[n] = (float) (1e-4 * (r.nextDouble() - 0.5));
            if ((t >= 3.0 && t < 5.0) || (t >= 7.5 && t < 8.0)) {
                x[n] += (float) (0.5 * Math.sin(2 * Math.PI * 1000 * t));
            }
        }
        return new AudioClip("rec.wav", x, 8000);
    }

    @Test
    void detectsAcrossWindowsWithFramesFromTheEncodersRate() throws IOException {
        Detector d = loader(Map.of("org.flam.nd4j", "0.1.0"), "test").load(model);
        Detection det = d.detect(recording(), List.of("a tone"), DetectionOptions.DEFAULTS);
        assertEquals(4.0, det.grid().framesPerSecond(), 1e-12, "the encoder's 8 frames per 2 s");
        assertEquals(36, det.grid().frameCount(), "9 s at 0.25 s per frame, over 8 windows");
        assertEquals(List.of(new SoundEvent("rec.wav", 3.0, 5.0, "a tone"), new SoundEvent("rec.wav", 7.5, 8.0, "a tone")),
                det.events());
        float[] p = det.probabilities("a tone");
        assertTrue(p[16] > 0.99 && p[4] < 0.01, "loud frames near 1, quiet near 0: " + p[16] + ", " + p[4]);
        assertEquals("hand-built", d.model().notes());
        FlamModelLoader one = loader(Map.of("org.flam.nd4j", "0.1.0"), "test");
        assertSame(one.load(model), one.load(model), "a loaded model is cached by directory");
    }

    /** A stream of a clip's samples in irregular, seeded chunk sizes from 1 to 997 samples. */
    static SampleStream chunked(AudioClip clip, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        return new SampleStream() {
            int position;

            @Override
            public int sampleRate() {
                return clip.sampleRate();
            }

            @Override
            public int read(float[] buffer, int offset, int length) {
                if (position == clip.sampleCount()) {
                    return -1;
                }
                int n = Math.min(Math.min(length, 1 + r.nextInt(997)), clip.sampleCount() - position);
                clip.copyTo(position, buffer, offset, n);
                position += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aStreamReadInAnyPiecesGivesTheClipsDetection() throws IOException {
        Detector d = loader(Map.of("org.flam.nd4j", "0.1.0"), "test").load(model);
        AudioClip clip = recording();
        Detection whole = d.detect(clip, List.of("a tone", "a hum"), DetectionOptions.DEFAULTS);
        Detection streamed = d.detect("rec.wav", chunked(clip, 5), List.of("a tone", "a hum"), DetectionOptions.DEFAULTS);
        assertEquals(whole.events(), streamed.events());
        for (String q : whole.queries()) {
            assertArrayEquals(whole.probabilities(q), streamed.probabilities(q), q);
        }
        // At another rate the stream is resampled as it is read: the streaming resampler's
        // output equals its one-shot output, so the pieces do not matter there either.
        AudioClip at16k = new AudioClip("rec16.wav", Resampler.resample(clip.samples(), 8000, 16000), 16000);
        Detection a = d.detect(at16k, List.of("a tone"), DetectionOptions.DEFAULTS);
        Detection b = d.detect("rec16.wav", chunked(at16k, 6), List.of("a tone"), DetectionOptions.DEFAULTS);
        assertArrayEquals(a.probabilities("a tone"), b.probabilities("a tone"));
        assertEquals(List.of(new SoundEvent("rec16.wav", 3.0, 5.0, "a tone"),
                new SoundEvent("rec16.wav", 7.5, 8.0, "a tone")), b.events());
    }

    @Test
    void everyLengthGetsTheWindowsOfTheWholeRecording() throws IOException {
        Detector d = loader(Map.of("org.flam.nd4j", "0.1.0"), "test").load(model);
        int s = SPEC.samplesPerClip() / SPEC.framesPerClip(); // 2 000 samples per frame
        int clip = SPEC.samplesPerClip(); // 16 000
        int hop = SPEC.framesPerClip() / 2 * s; // 8 000
        // Around every point where the number of windows changes, and inside a frame.
        for (int n : new int[] {1, s - 1, s, s + 1, clip - 1, clip, clip + 1, clip + hop - 1, clip + hop,
                clip + hop + 1, clip + 2 * hop + 1, 5 * clip + 777}) {
            float[] x = new float[n];
            x[n / 2] = 0.5f;
            Detection det = d.detect("n" + n, chunked(new AudioClip("n" + n, x, 8000), n),
                    List.of("a tone"), DetectionOptions.DEFAULTS);
            assertEquals((n + s - 1) / s, det.grid().frameCount(), "frames of " + n + " samples");
        }
    }

    @Test
    void aBadSampleIsNamedWithItsRecording() throws IOException {
        Detector d = loader(Map.of("org.flam.nd4j", "0.1.0"), "test").load(model);
        float[] x = new float[40_000];
        SampleStream stream = new SampleStream() {
            int position;

            @Override
            public int sampleRate() {
                return 8000;
            }

            @Override
            public int read(float[] buffer, int offset, int length) {
                if (position >= x.length) {
                    return -1;
                }
                int n = Math.min(length, 1000);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = position + i == 23_456 ? Float.NaN : 0f;
                }
                position += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.detect("bad\tname.wav", stream, List.of("a tone"), DetectionOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("bad name.wav") && e.getMessage().contains("sample 23456")
                && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void aDamagedOrEditedModelIsRefusedNamingTheFile() throws IOException {
        byte[] graph = Files.readAllBytes(new ModelDirectory(model).graphFile());
        graph[graph.length / 2] ^= 0x10;
        Files.write(new ModelDirectory(model).graphFile(), graph);
        IOException flipped = assertThrows(IOException.class,
                () -> loader(Map.of("org.flam.nd4j", "0.1.0"), "test").load(model));
        assertTrue(flipped.getMessage().contains("model.sd") && flipped.getMessage().contains("checksum"),
                flipped.getMessage());

        // An edited description with checksums written again (or none at all) still fails on
        // the graph's shapes.
        Path other = writeModel(dir.resolve("other"));
        Path json = new ModelDirectory(other).descriptionFile();
        Files.writeString(json, Files.readString(json).replace("\"mels\": 16", "\"mels\": 128"));
        Files.delete(new ModelDirectory(other).checksumsFile());
        WARNINGS.clear();
        IllegalStateException mels = assertThrows(IllegalStateException.class,
                () -> loader(Map.of("org.flam.nd4j", "0.1.0"), "test").load(other));
        assertTrue(mels.getMessage().contains("log_mel") && mels.getMessage().contains("128"), mels.getMessage());
        assertTrue(WARNINGS.stream().anyMatch(w -> w.contains("SHA256SUMS") && w.contains("cannot be verified")),
                WARNINGS.toString());
    }

    @Test
    void namesWhatIsMissing() {
        IllegalStateException bundle = assertThrows(IllegalStateException.class,
                () -> loader(Map.of(), "test").load(model));
        assertTrue(bundle.getMessage().contains("org.flam.nd4j 0.1.0"), bundle.getMessage());
        IllegalStateException encoder = assertThrows(IllegalStateException.class,
                () -> loader(Map.of("org.flam.nd4j", "0.1.0"), "other").load(model));
        assertTrue(encoder.getMessage().contains("flam.name=test"), encoder.getMessage());
        IOException none = assertThrows(IOException.class,
                () -> loader(Map.of("org.flam.nd4j", "0.1.0"), "test").load(dir.resolve("nothing")));
        assertTrue(none.getMessage().contains("nothing"), none.getMessage());
    }
}
