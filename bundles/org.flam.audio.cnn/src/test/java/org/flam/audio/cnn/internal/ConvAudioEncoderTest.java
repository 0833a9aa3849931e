package org.flam.audio.cnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.flam.api.graph.testing.ComponentConfigs;
import org.flam.api.graph.testing.FiniteDifferences;
import org.flam.api.graph.AudioEncoder;
import org.flam.api.graph.AudioEncoderSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class ConvAudioEncoderTest {

    /** Every test draws its random inputs from ND4J's generator seeded the same way: no luck involved. */
    @org.junit.jupiter.api.BeforeEach
    void seedTheRandomInputs() {
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(20_261_203L);
    }

    /** 1 s clips at 1600 Hz, hop 16: 100 hops, 101 log-mel frames, 6 mels; F = 4 -> n = 5, T' = 128. */
    private static final AudioEncoderSpec SMALL = new AudioEncoderSpec(1600, 64, 16, 6, 0, 800, 1.0, 4, 5);

    /** 0.5 s clips at 1600 Hz, hop 16: 50 hops, 51 log-mel frames, 6 mels; F = 6 -> n = 3, T' = 48. */
    private static final AudioEncoderSpec TINY = new AudioEncoderSpec(1600, 64, 16, 6, 0, 800, 0.5, 6, 5);

    private static ConvAudioEncoder defaults(Map<String, Object> overrides) {
        return new ConvAudioEncoder(ComponentConfigs.of(ConvAudioEncoderConfiguration.class, overrides));
    }

    private static SameDiff graph() {
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false); // FIELD-NOTES: the execution cache returned stale values
        return sd;
    }

    private static List<String> trainable(SameDiff sd) {
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                names.add(v.name());
            }
        }
        return names;
    }

    @Test
    void theDefaultConfigurationGivesTheDocumentedSpec() {
        ConvAudioEncoder enc = defaults(Map.of());
        AudioEncoderSpec s = enc.spec();
        assertEquals(ConvAudioEncoder.DEFAULT_SPEC, s);
        assertEquals(16_000, s.sampleRate());
        assertEquals(512, s.window());
        assertEquals(160, s.hop());
        assertEquals(64, s.mels());
        assertEquals(50.0, s.fminHz());
        assertEquals(8_000.0, s.fmaxHz());
        assertEquals(1001, s.melFrames());
        assertEquals(32, s.framesPerClip());
        assertEquals(256, s.featureSize());
        assertEquals(3.2, s.framesPerSecond(), 1e-12);
        assertEquals(5, enc.stages());
        assertEquals(1024, enc.resampledFrames());
        assertEquals(0L, enc.seed());
        assertEquals(3, defaults(Map.of("framesPerClip", 128)).stages());
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 128})
    void outputIsBByFByHForAnyBatchSize(int frames) {
        ConvAudioEncoder enc = defaults(Map.of("framesPerClip", frames));
        SameDiff sd = graph();
        SDVariable in = sd.placeHolder("logMel", DataType.FLOAT, -1, 64, 1001);
        SDVariable out = enc.build(sd, in);
        assertEquals(ConvAudioEncoder.OUTPUT, out.name());
        for (int b : new int[] {2, 3}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, b, 64, 1001).muli(100).subi(100);
            INDArray y = sd.output(Map.of("logMel", x), out.name()).get(out.name());
            assertArrayEquals(new long[] {b, frames, 256}, y.shape());
            assertEquals(DataType.FLOAT, y.dataType());
            assertTrue(Double.isFinite(y.norm2Number().doubleValue())); // no NaN or infinity
            // layer norm over channels: every frame has mean 0 and variance 1 at init
            assertEquals(0.0, y.mean(2).amaxNumber().doubleValue(), 1e-4);
            assertEquals(1.0, y.var(false, 2).meanNumber().doubleValue(), 1e-2);
        }
    }

    @Test
    void variablesAreInTheScopeWithStableNamesAndTheCountIsDocumented() {
        ConvAudioEncoder enc = defaults(Map.of());
        SameDiff sd = graph();
        enc.build(sd, sd.placeHolder("logMel", DataType.FLOAT, -1, 64, 1001));
        List<String> names = trainable(sd);
        assertEquals(new TreeSet<>(enc.variableNames()), new TreeSet<>(names));
        long count = 0;
        for (String n : names) {
            assertTrue(n.startsWith(AudioEncoder.SCOPE + "/"), n);
            count += sd.getVariable(n).getArr().length();
        }
        assertEquals(enc.parameterCount(), count);
        System.out.println("default cnn encoder: " + count + " parameters, context +-" + enc.contextSeconds() + " s");
        assertTrue(count > 300_000 && count < 1_500_000, "parameters " + count);
        for (SDVariable v : sd.variables()) {
            if (!v.name().equals("logMel")) {
                assertTrue(v.name().startsWith(AudioEncoder.SCOPE + "/"), v.name());
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        Map<String, INDArray> a = weights(defaults(Map.of("seed", 7L)));
        Map<String, INDArray> b = weights(defaults(Map.of("seed", 7L)));
        Map<String, INDArray> c = weights(defaults(Map.of()).withSeed(7L));
        Map<String, INDArray> d = weights(defaults(Map.of("seed", 8L)));
        assertEquals(a.keySet(), b.keySet());
        for (String n : a.keySet()) {
            assertEquals(a.get(n), b.get(n), n);
            assertEquals(a.get(n), c.get(n), n);
        }
        assertNotEquals(a.get("audio_encoder/stage1/down/W"), d.get("audio_encoder/stage1/down/W"));
        assertNotEquals(a.get("audio_encoder/context1/W"), d.get("audio_encoder/context1/W"));
    }

    private static Map<String, INDArray> weights(ConvAudioEncoder enc) {
        SameDiff sd = graph();
        enc.build(sd, sd.placeHolder("logMel", DataType.FLOAT, -1, 64, 1001));
        Map<String, INDArray> w = new HashMap<>();
        for (String n : trainable(sd)) {
            w.put(n, sd.getVariable(n).getArr().dup());
        }
        return w;
    }

    @Test
    void conv1dUsesKernelInOutWeightsAndPadsBothSides() {
        // 2 clips, 3 channels in, 2 out, kernel 2, dilation 2, padding 2, stride 1, float64
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 7);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 2, 3, 2).subi(0.5);
        INDArray b = Nd4j.rand(DataType.DOUBLE, 2);
        SameDiff sd = graph();
        SDVariable y = sd.cnn.conv1d(sd.constant("x", x), sd.constant("w", w), sd.constant("b", b),
                new Conv1DConfig(2, 1, 2, 2, Conv1DConfig.NCW, PaddingMode.VALID));
        INDArray out = sd.output(Map.of(), y.name()).get(y.name());
        int len = 7 + 4 - 2; // padded length minus dilated kernel extent plus one
        assertArrayEquals(new long[] {2, 2, len}, out.shape());
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < 2; o++) {
                for (int t = 0; t < len; t++) {
                    double s = b.getDouble(o);
                    for (int k = 0; k < 2; k++) {
                        int src = t - 2 + 2 * k;
                        if (src >= 0 && src < 7) {
                            for (int c = 0; c < 3; c++) {
                                s += w.getDouble(k, c, o) * x.getDouble(n, c, src);
                            }
                        }
                    }
                    assertEquals(s, out.getDouble(n, o, t), 1e-12);
                }
            }
        }
    }

    @Test
    void theDilatedConvolutionEqualsConv1dWithDilation() {
        // conv1d with dilation works in float64 (generic kernel), not in float32 with oneDNN
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 9);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 3, 3, 3).subi(0.5);
        INDArray b = Nd4j.rand(DataType.DOUBLE, 3);
        for (int d : new int[] {2, 4}) {
            SameDiff sd = graph();
            SDVariable ref = sd.cnn.conv1d(sd.constant("x", x), sd.constant("w", w), sd.constant("b", b),
                    new Conv1DConfig(3, 1, d, d, Conv1DConfig.NCW, PaddingMode.VALID));
            SDVariable mine = ConvAudioEncoder.dilatedConv3(sd, sd.getVariable("x"), sd.getVariable("w"),
                    sd.getVariable("b"), 3, d, 9);
            Map<String, INDArray> out = sd.output(Map.of(), ref.name(), mine.name());
            assertArrayEquals(new long[] {2, 3, 9}, out.get(mine.name()).shape());
            assertTrue(out.get(ref.name()).equalsWithEps(out.get(mine.name()), 1e-12), "dilation " + d);
        }
    }

    @Test
    void resamplingWeightsSumToOneAndAreCentredOnTheirInterval() {
        ConvAudioEncoder enc = defaults(Map.of());
        double[][] r = enc.resamplingMatrix();
        assertEquals(1001, r.length);
        assertEquals(1024, r[0].length);
        for (int j = 0; j < 1024; j++) {
            double sum = 0;
            double centre = 0;
            for (int t = 0; t < 1001; t++) {
                sum += r[t][j];
                centre += r[t][j] * t;
            }
            assertEquals(1.0, sum, 1e-12);
            // resampled frame j covers [j, j+1) x 10/1024 s; log-mel frame t is centred at t x 10 ms
            double expected = (j + 0.5) * 1000.0 / 1024;
            if (j > 0 && j < 1023) {
                assertEquals(expected, centre, 1e-9);
            }
        }
    }

    /**
     * The block-matrix resampling equals the dense product {@code x R} (float64), at the
     * defaults (8 blocks of 125 hops to 128 frames), at F = 128, on the small test spec, and
     * the gathered taps do too.
     */
    @Test
    void blockResamplingEqualsTheDenseMatrixProduct() {
        ConvAudioEncoder[] encoders = {defaults(Map.of()), defaults(Map.of("framesPerClip", 128)),
            new ConvAudioEncoder(SMALL, 8, 8, 0, 50, 50, 3), new ConvAudioEncoder(TINY, 3, 4, 2, 50, 50, 11)};
        for (ConvAudioEncoder enc : encoders) {
            double[][] r = enc.resamplingMatrix();
            BlockResampling blocks = BlockResampling.of(r, enc.spec().samplesPerClip() / enc.spec().hop());
            assertTrue(blocks != null && blocks.blocks() >= 2, "block structure of " + enc.spec());
            int mels = enc.spec().mels();
            int t = enc.spec().melFrames();
            java.util.SplittableRandom random = new java.util.SplittableRandom(21);
            double[] values = new double[2 * mels * t];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextDouble() * 80 - 90;
            }
            INDArray x = Nd4j.create(values, new long[] {2, mels, t}, DataType.DOUBLE);
            INDArray expected = x.reshape(2L * mels, t).mmul(Nd4j.create(r)).reshape(2, mels, r[0].length);
            SameDiff sd = graph();
            SDVariable in = sd.placeHolder("x", DataType.DOUBLE, -1, mels, t);
            String fast = enc.resample(sd, in, DataType.DOUBLE).name();
            String gathered = enc.resampleByGather(sd, in, DataType.DOUBLE, r).name();
            Map<String, INDArray> out = sd.output(Map.of("x", x), fast, gathered);
            assertTrue(expected.equalsWithEps(out.get(fast), 1e-9), "block product for " + enc.spec());
            assertTrue(expected.equalsWithEps(out.get(gathered), 1e-9), "gathered taps for " + enc.spec());
        }
        // a matrix whose blocks differ has no block structure
        double[][] r = defaults(Map.of()).resamplingMatrix();
        r[3][5] += 0.1;
        assertEquals(null, BlockResampling.of(r, 1000));
    }

    /** Output frame f depends on the log-mel frames of its interval widened by the documented context. */
    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void receptiveFieldIsTheFrameIntervalWidenedSymmetricallyByTheContext(int contextBlocks) {
        ConvAudioEncoder enc = new ConvAudioEncoder(SMALL, 8, 8, contextBlocks, 50, 50, 3);
        int n = enc.stages();
        int per = 1 << n; // resampled frames per output frame
        int e = enc.contextResampledFrames();
        assertEquals((1 << (n + 1)) - 2 + ((1 << contextBlocks) - 1) * per, e);
        double[][] r = enc.resamplingMatrix();
        // perturbation, not gradients: SameDiff 1.0.0-M2.1 cannot back-propagate through gather
        // to the input (the encoder's input is a placeholder in training, so it never needs to)
        SameDiff sd = graph();
        SDVariable in = sd.placeHolder("x", DataType.DOUBLE, -1, 6, 101);
        String out = enc.build(sd, in).name();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 6, 101).muli(80).subi(90);
        INDArray base = sd.output(Map.of("x", x), out).get(out);
        List<TreeSet<Integer>> support = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            support.add(new TreeSet<>());
        }
        for (int t = 0; t < 101; t++) {
            INDArray xp = x.dup();
            xp.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(t)).addi(Nd4j.rand(DataType.DOUBLE, 3, 6).muli(20).addi(1));
            INDArray delta = sd.output(Map.of("x", xp), out).get(out).sub(base);
            for (int f = 0; f < 4; f++) {
                double change = Nd4j.math().abs(delta.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(f), org.nd4j.linalg.indexing.NDArrayIndex.all()))
                        .sumNumber().doubleValue();
                if (change > 1e-12) {
                    support.get(f).add(t);
                }
            }
        }
        for (int f = 0; f < 4; f++) {
            TreeSet<Integer> actual = support.get(f);
            TreeSet<Integer> expected = new TreeSet<>();
            int lo = Math.max(0, f * per - e);
            int hi = Math.min(enc.resampledFrames(), (f + 1) * per + e);
            for (int j = lo; j < hi; j++) {
                for (int t = 0; t < 101; t++) {
                    if (r[t][j] > 0) {
                        expected.add(t);
                    }
                }
            }
            assertEquals(expected, actual, "frame " + f);
        }
    }

    @Test
    void finiteDifferencesAgreeWithTheGradientOfEveryVariable() {
        Nd4j.getRandom().setSeed(12);
        ConvAudioEncoder enc = new ConvAudioEncoder(TINY, 3, 4, 2, 50, 50, 11);
        SameDiff sd = graph();
        SDVariable in = sd.placeHolder("logMel", DataType.DOUBLE, -1, 6, 51);
        SDVariable out = enc.build(sd, in);
        SDVariable loss = out.mul(sd.constant(Nd4j.rand(DataType.DOUBLE, 2, 6, 5).subi(0.5))).sum();
        sd.setLossVariables(loss);
        Map<String, INDArray> ph = Map.of("logMel", Nd4j.rand(DataType.DOUBLE, 2, 6, 51).muli(80).subi(90));
        List<String> vars = trainable(sd);
        assertEquals(new TreeSet<>(enc.variableNames()), new TreeSet<>(vars));
        // move every variable off its initial value: with zero biases a unit whose inputs are
        // all dead ReLUs sits exactly on the next ReLU's kink, where differences are one-sided
        for (String v : vars) {
            INDArray a = sd.getVariable(v).getArr();
            a.addi(Nd4j.rand(DataType.DOUBLE, a.shape()).subi(0.5).muli(0.2));
        }
        Map<String, INDArray> grads = sd.calculateGradients(ph, vars.toArray(new String[0]));
        assertEquals(vars.size(), grads.size());
        FiniteDifferences.check(sd, ph, loss.name(), grads, 8, 1e-6);
    }

    @Test
    void adamOverfitsAFixedBatchToRandomTargets() {
        Nd4j.getRandom().setSeed(13);
        ConvAudioEncoder enc = new ConvAudioEncoder(TINY, 16, 16, 2, 50, 50, 5);
        SameDiff sd = graph();
        SDVariable in = sd.placeHolder("logMel", DataType.FLOAT, -1, 6, 51);
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, -1, 6, 5);
        SDVariable out = enc.build(sd, in);
        SDVariable diff = out.sub(target);
        SDVariable loss = diff.mul(diff).mean();
        sd.setLossVariables(loss);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(2e-2))
                .dataSetFeatureMapping("logMel").dataSetLabelMapping("target").build());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6, 51).muli(80).subi(90);
        INDArray y = Nd4j.randn(DataType.FLOAT, 4, 6, 5);
        DataSet batch = new DataSet(x, y);
        Map<String, INDArray> ph = Map.of("logMel", x, "target", y);
        double first = sd.output(ph, loss.name()).get(loss.name()).getDouble(0);
        for (int step = 0; step < 200; step++) {
            sd.fit(batch);
        }
        double last = sd.output(ph, loss.name()).get(loss.name()).getDouble(0);
        assertTrue(last < first / 10, "loss " + first + " -> " + last);
    }

    @Test
    void invalidConfigurationsAndInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> defaults(Map.of("framesPerClip", 800)));
        assertThrows(IllegalArgumentException.class, () -> defaults(Map.of("channels", 0)));
        assertThrows(IllegalArgumentException.class, () -> defaults(Map.of("contextBlocks", -1)));
        assertThrows(IllegalArgumentException.class, () -> defaults(Map.of("inputScaleDb", 0.0)));
        assertThrows(IllegalArgumentException.class, () -> defaults(Map.of("fmaxHz", 9000.0)));
        SameDiff sd = graph();
        SDVariable wrong = sd.placeHolder("logMel", DataType.FLOAT, -1, 64, 1000);
        assertThrows(IllegalArgumentException.class, () -> defaults(Map.of()).build(sd, wrong));
    }
}
