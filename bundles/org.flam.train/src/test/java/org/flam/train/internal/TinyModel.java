package org.flam.train.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.flam.api.graph.AudioEncoder;
import org.flam.api.graph.AudioEncoderSpec;
import org.flam.api.graph.GraphBackend;
import org.flam.api.graph.HeadOutputs;
import org.flam.api.graph.testing.PlainGraphBackend;
import org.flam.api.graph.ModelHeads;
import org.flam.api.spi.TextEncoder;
import org.flam.audio.io.WavWriter;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny model for the trainer's tests: a linear-ReLU encoder pooled to 4 frames, linear
 * heads with the SPEC initialisations, a hashing text encoder, a backend with the cache off,
 * and a writer of small mixtures directories. Works in float or double precision (the type of
 * the inputs), so gradients can be compared tightly.
 */
final class TinyModel {

    static final AudioEncoderSpec SPEC = new AudioEncoderSpec(8000, 256, 80, 16, 50, 4000, 1.0, 4, 8);
    static final int TEXT_DIM = 6;
    static final int EMBEDDING = 5;

    private TinyModel() {
    }

    static GraphBackend backend() {
        return new PlainGraphBackend();
    }

    private static INDArray init(DataType type, long seed, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        double scale = 1.0 / Math.sqrt(shape[0]);
        for (int i = 0; i < v.length; i++) {
            v[i] = (r.nextDouble() * 2 - 1) * scale;
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
    }

    static AudioEncoder encoder() {
        return new AudioEncoder() {
            @Override
            public AudioEncoderSpec spec() {
                return SPEC;
            }

            @Override
            public SDVariable build(SameDiff sd, SDVariable logMel) {
                DataType t = logMel.dataType();
                int mels = SPEC.mels();
                int time = SPEC.melFrames();
                int frames = SPEC.framesPerClip();
                int h = SPEC.featureSize();
                double[] pool = new double[time * frames];
                for (int i = 0; i < time; i++) {
                    int f = Math.min(frames - 1, i * frames / time);
                    pool[i * frames + f] = 1.0;
                }
                try (NameScope s = sd.withNameScope(SCOPE)) {
                    SDVariable w = sd.var("w", init(t, 1, mels, h));
                    SDVariable b = sd.var("b", Nd4j.zeros(t, h));
                    SDVariable x = logMel.add(40.0).div(40.0);
                    SDVariable rows = sd.reshape(sd.permute(x, 0, 2, 1), -1, mels);
                    SDVariable hidden = sd.nn.relu(rows.mmul(w).add(b), 0);
                    SDVariable perTime = sd.permute(sd.reshape(hidden, -1, time, h), 0, 2, 1);
                    SDVariable pooled = sd.reshape(perTime, -1, time)
                            .mmul(sd.constant(Nd4j.create(pool, new long[] {time, frames}, DataType.DOUBLE).castTo(t)))
                            .div((double) time / frames);
                    return sd.permute(sd.reshape(pooled, -1, h, frames), 0, 2, 1);
                }
            }
        };
    }

    static ModelHeads heads() {
        return new ModelHeads() {
            @Override
            public int embeddingSize() {
                return EMBEDDING;
            }

            @Override
            public HeadOutputs build(SameDiff sd, SDVariable frameFeatures, SDVariable textFeatures) {
                DataType t = frameFeatures.dataType();
                int h = SPEC.featureSize();
                try (NameScope s = sd.withNameScope(SCOPE)) {
                    SDVariable wa = sd.var("wa", init(t, 2, h, EMBEDDING));
                    SDVariable wt = sd.var("wt", init(t, 3, TEXT_DIM, EMBEDDING));
                    SDVariable ws = sd.var("ws", init(t, 4, TEXT_DIM, 1));
                    SDVariable bs = sd.var("bs", Nd4j.scalar(t, LOG_SCALE_INIT).reshape(1));
                    SDVariable wb = sd.var("wb", init(t, 5, TEXT_DIM, 1));
                    SDVariable bb = sd.var("bb", Nd4j.scalar(t, BIAS_INIT).reshape(1));
                    SDVariable frames = normalize(sd, sd.reshape(sd.reshape(frameFeatures, -1, h).mmul(wa),
                            sd.concat(0, sd.stridedSlice(sd.shape(frameFeatures), new long[] {0}, new long[] {2},
                                    new long[] {1}, 0, 0, 0, 0, 0), sd.constant(Nd4j.createFromArray((long) EMBEDDING)))));
                    SDVariable global = normalize(sd, frameFeatures.mean(1).mmul(wa));
                    SDVariable text = normalize(sd, textFeatures.mmul(wt));
                    SDVariable scale = sd.math.exp(textFeatures.mmul(ws).add(bs)).reshape(-1);
                    SDVariable bias = textFeatures.mmul(wb).add(bb).reshape(-1);
                    return new HeadOutputs(frames, global, text, scale, bias);
                }
            }
        };
    }

    private static SDVariable normalize(SameDiff sd, SDVariable x) {
        int last = x.getShape() == null ? 1 : x.getShape().length - 1;
        return x.div(sd.math.sqrt(x.mul(x).sum(true, last).add(1e-12)));
    }

    /** Deterministic features from the text: a seeded draw per text. */
    static TextEncoder textEncoder() {
        return new TextEncoder() {
            @Override
            public int dimension() {
                return TEXT_DIM;
            }

            @Override
            public float[][] encode(List<String> texts) {
                TextEncoder.requireTexts(texts);
                float[][] out = new float[texts.size()][TEXT_DIM];
                for (int i = 0; i < texts.size(); i++) {
                    SplittableRandom r = new SplittableRandom(texts.get(i).hashCode());
                    for (int d = 0; d < TEXT_DIM; d++) {
                        out[i][d] = (float) (r.nextDouble() * 2 - 1);
                    }
                }
                return out;
            }
        };
    }

    /**
     * Writes a tiny corpus under {@code dir} and returns its {@code corpus.tsv}: short tones and
     * noise bursts at 8 kHz as events, in label groups with synonyms, paraphrases and tags
     * ("dog barking" and "puppy yapping" are both group {@code dog}; "animal" tags them), and
     * two 1.5 s noise beds as backgrounds.
     */
    static Path corpus(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sounds"));
        Object[][] events = {
            {"dog barking", "dog", "a dog barks|barking dog", "animal,dog", 700.0},
            {"dog barking", "dog", "a dog barks", "animal,dog", 760.0},
            {"puppy yapping", "dog", "a puppy yaps", "animal,puppy", 1100.0},
            {"glass breaking", "glass", "glass shatters", "impact,glass", 2600.0},
            {"car horn", "horn", "a car honking", "vehicle,horn", 420.0},
            {"bicycle bell", "bell", "a bicycle bell rings", "bell", 1800.0},
            {"church bell ringing", "bell", "", "bell,church", 520.0},
            {"door slam", "door", "a door slams", "door", 150.0},
            {"footsteps on gravel", "footsteps", "walking on gravel", "footsteps", 3100.0},
            {"the sound of thunder", "thunder", "thunder rumbling", "weather,thunder", 90.0},
        };
        List<org.flam.api.CorpusEntry> entries = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < events.length; i++) {
            Object[] e = events[i];
            String name = String.format(Locale.ROOT, "sounds/event_%02d.wav", i);
            float[] x = new float[2400 + 200 * i];
            for (int n = 0; n < x.length; n++) {
                x[n] = (float) (0.4 * Math.sin(2 * Math.PI * (double) e[4] * n / 8000) + 0.05 * (r.nextDouble() * 2 - 1));
            }
            WavWriter.write(dir.resolve(name), x, 8000, WavWriter.Encoding.PCM_16);
            String para = (String) e[2];
            entries.add(new org.flam.api.CorpusEntry(name,
                    new org.flam.api.Caption((String) e[0], List.of(((String) e[3]).split(","))), x.length / 8000.0,
                    org.flam.api.CorpusEntry.Kind.EVENT, "test", "CC0-1.0",
                    para.isEmpty() ? List.of() : List.of(para.split("\\|")), (String) e[1]));
        }
        String[][] beds = {{"rain ambience", "rain"}, {"wind ambience", "wind"}};
        for (int i = 0; i < beds.length; i++) {
            String name = String.format(Locale.ROOT, "sounds/bed_%02d.wav", i);
            float[] x = new float[12000];
            for (int n = 0; n < x.length; n++) {
                x[n] = (float) (0.1 * (r.nextDouble() * 2 - 1));
            }
            WavWriter.write(dir.resolve(name), x, 8000, WavWriter.Encoding.PCM_16);
            entries.add(new org.flam.api.CorpusEntry(name, new org.flam.api.Caption(beds[i][0], List.of("ambience")),
                    1.5, org.flam.api.CorpusEntry.Kind.BACKGROUND, "test", "CC0-1.0", List.of(), beds[i][1]));
        }
        Path tsv = dir.resolve("corpus.tsv");
        org.flam.data.corpus.CorpusIndex.write(new org.flam.api.Corpus(dir, entries), tsv);
        return tsv;
    }

    /** The real mixture synthesizer for {@link #SPEC}: 1 s clips at 8 kHz, all of the corpus (nothing held out). */
    static org.flam.api.spi.MixtureSynthesizer synthesizer() {
        return new org.flam.augment.mixture.internal.FlamMixtureSynthesizer(
                org.flam.api.graph.testing.ComponentConfigs.of(
                        org.flam.augment.mixture.internal.FlamMixtureSynthesizerConfiguration.class,
                        java.util.Map.of("sampleRate", 8000, "clipSeconds", 1.0, "heldoutFraction", 0.0,
                                "zeroShotGroupFraction", 0.0, "minSegmentSeconds", 0.1, "minPartGapSeconds", 0.05,
                                "maxEvents", 3)));
    }

    /**
     * Writes a mixtures directory of {@code count} one-second clips: each has a tone of one of
     * three labels ("beep", "buzz", "hum") in one of its four frames over noise, labelled in
     * {@code frames/ID.tsv}.
     */
    static Path mixtures(Path dir, int count) throws IOException {
        Files.createDirectories(dir.resolve("audio"));
        Files.createDirectories(dir.resolve("frames"));
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"flam-mixtures/1\", \"grid\": "
                + "{\"framesPerSecond\": 4.0, \"frameCount\": 4}, \"parameters\": {\"heldoutFraction\": 0.0}}\n");
        String[] labels = {"beep", "buzz", "hum"};
        double[] hz = {1500, 600, 200};
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < count; i++) {
            String id = String.format(Locale.ROOT, "mix_%03d", i);
            int a = i % 3;
            int frame = r.nextInt(4);
            float[] x = new float[8000];
            for (int n = 0; n < x.length; n++) {
                x[n] = (float) (0.01 * (r.nextDouble() * 2 - 1));
                if (n / 2000 == frame) {
                    x[n] += (float) (0.5 * Math.sin(2 * Math.PI * hz[a] * n / 8000));
                }
            }
            WavWriter.write(dir.resolve("audio").resolve(id + ".wav"), x, 8000, WavWriter.Encoding.PCM_16);
            List<String> lines = new ArrayList<>();
            lines.add("onset\toffset\t" + labels[a]);
            for (int f = 0; f < 4; f++) {
                lines.add((f * 0.25) + "\t" + ((f + 1) * 0.25) + "\t" + (f == frame ? "1.0" : "0.0"));
            }
            Files.write(dir.resolve("frames").resolve(id + ".tsv"), lines, StandardCharsets.UTF_8);
        }
        return dir;
    }
}
