package org.flam.audio.htsat.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.flam.api.graph.AudioEncoder;
import org.flam.api.graph.AudioEncoderSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shapes and parameter count of HTSAT-tiny against {@code src/test/python/htsat_reference.py}
 * (PyTorch), the output of a reduced configuration against the same transcription with the same
 * weights, finite differences, an overfit run and seeding.
 */
class HtsatAudioEncoderTest {

    /** 8 mels x 26 frames -> 16x16 image (freq ratio 2), patch 2, embed 8, depths [2, 1], heads [1, 2], window 4. */
    static final AudioEncoderSpec REDUCED_SPEC = new AudioEncoderSpec(1000, 64, 40, 8, 0.0, 500.0, 1.0, 8, 16);

    static HtsatAudioEncoder reduced() {
        return reduced(0);
    }

    static HtsatAudioEncoder reduced(long seed) {
        return new HtsatAudioEncoder(REDUCED_SPEC, 16, 2, new int[] {2, 1}, new int[] {1, 2}, 4, 4.0, 0, 1, seed);
    }

    /** A graph with the encoder on a placeholder {@code x} and {@code loss = Σ out ⊙ r} for a fixed r. */
    private static final class Graph {
        final SameDiff sd = SameDiff.create();
        final SDVariable out;
        final String loss;

        Graph(HtsatAudioEncoder enc, DataType type, long batch) {
            sd.setEnableCache(false); // FIELD-NOTES: the execution cache returned stale values
            AudioEncoderSpec s = enc.spec();
            SDVariable x = sd.placeHolder("x", type, batch, s.mels(), s.melFrames());
            out = enc.build(sd, x);
            INDArray r = Nd4j.create(randoms((long) s.framesPerClip() * s.featureSize(), 7),
                    new long[] {s.framesPerClip(), s.featureSize()}, type);
            loss = out.mul(sd.constant("r", r)).sum().name();
            sd.setLossVariables(loss);
        }

        INDArray output(INDArray x) {
            return sd.output(Map.of("x", x), out.name()).get(out.name());
        }

        double loss(INDArray x) {
            return sd.output(Map.of("x", x), loss).get(loss).getDouble(0);
        }

        List<String> trainable() {
            List<String> names = new ArrayList<>();
            for (SDVariable v : sd.variables()) {
                if (v.getVariableType() == VariableType.VARIABLE) {
                    names.add(v.name());
                }
            }
            return names;
        }

        long parameters() {
            long n = 0;
            for (String name : trainable()) {
                n += sd.getVariable(name).getArr().length();
            }
            return n;
        }
    }

    private static double[] randoms(long n, long seed) {
        Random random = new Random(seed);
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    /** Loads the reduced reference weights and bn0 statistics into a graph; returns input and expected output. */
    private static Map<String, INDArray> loadReduced(Graph g) {
        Map<String, INDArray> ref = Reference.arrays("htsat-reduced.txt");
        for (Map.Entry<String, INDArray> e : ref.entrySet()) {
            if (e.getKey().startsWith(AudioEncoder.SCOPE + "/")) {
                SDVariable v = g.sd.getVariable(e.getKey());
                assertTrue(v != null, "no variable " + e.getKey());
                assertArrayEquals(e.getValue().shape(), v.getArr().shape(), e.getKey());
                v.getArr().assign(e.getValue());
            }
        }
        return ref;
    }

    @Test
    void referenceConfigurationGivesThirtyTwoFramesOf768AndTheReferenceSpec() {
        HtsatAudioEncoder enc = new HtsatAudioEncoder();
        assertEquals(AudioEncoderSpec.REFERENCE, enc.spec());
        assertEquals(3.2, enc.spec().framesPerSecond(), 1e-12);
        Nd4j.getRandom().setSeed(1);
        Graph g = new Graph(enc, DataType.FLOAT, -1);
        INDArray x = Nd4j.create(randoms(64 * 1001, 3), new long[] {1, 64, 1001}, DataType.FLOAT).muli(20).subi(40);
        long t0 = System.nanoTime();
        INDArray y = g.output(x);
        System.out.printf("HTSAT-tiny forward, batch 1, float32: %.2f s%n", (System.nanoTime() - t0) / 1e9);
        assertArrayEquals(new long[] {1, 32, 768}, y.shape());
        assertEquals(DataType.FLOAT, y.dataType());
        assertTrue(Double.isFinite(y.sumNumber().doubleValue()));
    }

    @Test
    void parameterCountEqualsTheReferenceWithoutItsClassificationHead() {
        Map<String, String> ref = Reference.properties("htsat-tiny-parameters.txt");
        // the reference's tscam_conv and head (AudioSet classifier, unused by FLAM) are left out on
        // both sides, as is torchlibrosa's frozen STFT/mel front end (not in ref's total: the
        // script counts it separately) and bn0's running statistics (buffers, not parameters)
        long expected = Long.parseLong(ref.get("total")) - Long.parseLong(ref.get("tscam_conv"))
                - Long.parseLong(ref.get("head"));
        assertEquals(27_534_488L, expected);
        Graph g = new Graph(new HtsatAudioEncoder(), DataType.FLOAT, -1);
        assertEquals(expected, g.parameters());
        long bnAndPatch = Long.parseLong(ref.get("bn0")) + Long.parseLong(ref.get("patch_embed"));
        long java = 0;
        for (String name : g.trainable()) {
            if (name.startsWith("audio_encoder/bn0/") || name.startsWith("audio_encoder/patch_embed/")) {
                java += g.sd.getVariable(name).getArr().length();
            }
            assertTrue(name.startsWith(AudioEncoder.SCOPE + "/"), name);
        }
        assertEquals(bnAndPatch, java);
        assertEquals("1,32,768", ref.get("output_shape"));
    }

    @Test
    void reducedConfigurationMatchesThePyTorchTranscriptionWithTheSameWeights() {
        Graph g = new Graph(reduced(), DataType.DOUBLE, 2);
        Map<String, INDArray> ref = loadReduced(g);
        assertEquals(g.trainable().size() + 2, ref.size() - 2, "every variable and both bn0 statistics loaded");
        INDArray y = g.output(ref.get("input"));
        INDArray expected = ref.get("output");
        assertArrayEquals(expected.shape(), y.shape());
        double err = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(y.sub(expected)))
                .getDouble(0);
        assertTrue(err < 1e-9, "max |java - torch| = " + err);
    }

    @Test
    void finiteDifferencesAgreeWithTheGradientOfEveryVariable() {
        Graph g = new Graph(reduced(), DataType.DOUBLE, 2);
        INDArray x = loadReduced(g).get("input");
        Map<String, INDArray> ph = Map.of("x", x);
        List<String> names = g.trainable();
        Map<String, INDArray> grads = g.sd.calculateGradients(ph, names);
        Random random = new Random(11);
        double h = 1e-6;
        int checked = 0;
        for (String name : names) {
            INDArray value = g.sd.getVariable(name).getArr();
            INDArray grad = grads.get(name);
            assertTrue(grad != null, "no gradient for " + name);
            long n = value.length();
            long[] entries = n <= 6 ? java.util.stream.LongStream.range(0, n).toArray()
                    : random.longs(6, 0, n).toArray();
            for (long i : entries) {
                double v = value.getDouble(i);
                value.putScalar(i, v + h);
                double plus = g.loss(x);
                value.putScalar(i, v - h);
                double minus = g.loss(x);
                value.putScalar(i, v);
                double numeric = (plus - minus) / (2 * h);
                double analytic = grad.getDouble(i);
                assertTrue(Math.abs(numeric - analytic) <= 1e-5 * (1 + Math.abs(analytic)),
                        name + "[" + i + "]: finite difference " + numeric + ", gradient " + analytic);
                checked++;
            }
        }
        assertTrue(checked > 200, "checked " + checked);
    }

    @Test
    void overfitsATinyBatch() {
        Nd4j.getRandom().setSeed(5);
        Graph g = new Graph(reduced(), DataType.DOUBLE, 2);
        SDVariable target = g.sd.constant("target", Nd4j.create(randoms(2 * 8 * 16, 13), new long[] {2, 8, 16}));
        SDVariable diff = g.out.sub(target);
        String loss = diff.mul(diff).mean().name();
        g.sd.setLossVariables(loss);
        INDArray x = Nd4j.create(randoms(2 * 8 * 26, 17), new long[] {2, 8, 26}).muli(15).subi(40);
        Map<String, INDArray> ph = Map.of("x", x);
        List<String> names = g.trainable();
        // Adam, lr 3e-2
        Map<String, INDArray> m = new HashMap<>();
        Map<String, INDArray> v = new HashMap<>();
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 1; step <= 150; step++) {
            if (step == 1 || step == 150) {
                double l = g.sd.output(ph, loss).get(loss).getDouble(0);
                if (step == 1) {
                    first = l;
                } else {
                    last = l;
                }
            }
            Map<String, INDArray> grads = g.sd.calculateGradients(ph, names);
            for (String name : names) {
                INDArray gr = grads.get(name);
                INDArray mm = m.computeIfAbsent(name, k -> gr.ulike().assign(0));
                INDArray vv = v.computeIfAbsent(name, k -> gr.ulike().assign(0));
                mm.muli(0.9).addi(gr.mul(0.1));
                vv.muli(0.999).addi(gr.mul(gr).muli(0.001));
                INDArray mHat = mm.div(1 - Math.pow(0.9, step));
                INDArray vHat = vv.div(1 - Math.pow(0.999, step));
                g.sd.getVariable(name).getArr().subi(mHat.muli(3e-2).divi(org.nd4j.linalg.ops.transforms.Transforms.sqrt(vHat).addi(1e-8)));
            }
        }
        System.out.printf("overfit: MSE %.5f -> %.7f%n", first, last);
        assertTrue(last < first / 20, "loss " + first + " -> " + last);
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndOutputWhateverTheGlobalGenerator() {
        INDArray x = Nd4j.create(randoms(2 * 8 * 26, 19), new long[] {2, 8, 26}, DataType.FLOAT);
        INDArray[] outs = new INDArray[3];
        Map<String, INDArray> first = null;
        for (int run = 0; run < 3; run++) {
            // ND4J's global generator in another state on every run: the weights must not care.
            Nd4j.getRandom().setSeed(1000 + run);
            Nd4j.rand(DataType.FLOAT, 7);
            Graph g = new Graph(reduced(run < 2 ? 42 : 43), DataType.FLOAT, -1);
            outs[run] = g.output(x);
            if (run == 0) {
                first = new HashMap<>();
                for (String name : g.trainable()) {
                    first.put(name, g.sd.getVariable(name).getArr().dup());
                }
            } else if (run == 1) {
                for (String name : g.trainable()) {
                    assertEquals(first.get(name), g.sd.getVariable(name).getArr(), name);
                }
            }
        }
        assertEquals(outs[0], outs[1]);
        assertTrue(!outs[0].equals(outs[2]), "another seed gives other weights");
    }

    @Test
    void defaultConfigurationIsHtsatTinyOnTheReferenceFrontEnd() {
        HtsatAudioEncoderConfiguration defaults = (HtsatAudioEncoderConfiguration) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HtsatAudioEncoderConfiguration.class},
                (proxy, method, args) -> method.getDefaultValue());
        assertEquals(AudioEncoderSpec.REFERENCE, new HtsatAudioEncoder(defaults).spec());
        assertEquals("htsat", defaults.flam_name());
    }

    @Test
    void geometriesThatDoNotFitAreRejected() {
        int[] d = {2, 1};
        int[] hd = {1, 2};
        // imageSize not a multiple of mels
        assertThrows(IllegalArgumentException.class,
                () -> new HtsatAudioEncoder(REDUCED_SPEC, 12, 2, d, hd, 4, 4, 0, 1));
        // heads do not divide channels
        assertThrows(IllegalArgumentException.class,
                () -> new HtsatAudioEncoder(REDUCED_SPEC, 16, 2, d, new int[] {3, 2}, 4, 4, 0, 1));
        // frames per clip disagree with the geometry
        AudioEncoderSpec wrongFrames = new AudioEncoderSpec(1000, 64, 40, 8, 0.0, 500.0, 1.0, 16, 16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HtsatAudioEncoder(wrongFrames, 16, 2, d, hd, 4, 4, 0, 1));
        assertTrue(e.getMessage().contains("8 frames"), e.getMessage());
        // clip longer than the image holds
        AudioEncoderSpec tooLong = new AudioEncoderSpec(1000, 64, 20, 8, 0.0, 500.0, 1.0, 8, 16);
        assertThrows(IllegalArgumentException.class,
                () -> new HtsatAudioEncoder(tooLong, 16, 2, d, hd, 4, 4, 0, 1));
        // window does not tile the map
        assertThrows(IllegalArgumentException.class,
                () -> new HtsatAudioEncoder(REDUCED_SPEC, 16, 2, d, hd, 3, 4, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new HtsatAudioEncoder(REDUCED_SPEC, 16, 2, new int[] {2}, hd, 4, 4, 0, 1));
    }

    @Test
    void theGraphsRollAndWindowPartitionPutTokensInWindowOrder() {
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        int side = 8;
        int c = 2;
        // token t has channels (t, -t)
        INDArray map = Nd4j.create(DataType.DOUBLE, 2, side, side, c);
        for (int t = 0; t < side * side; t++) {
            for (int bb = 0; bb < 2; bb++) {
                map.putScalar(new long[] {bb, t / side, t % side, 0}, t + 100 * bb);
                map.putScalar(new long[] {bb, t / side, t % side, 1}, -t);
            }
        }
        SDVariable out = HtsatAudioEncoder.partition(sd, sd.constant("map", map), side, c, 4, 2);
        INDArray windows = out.eval(); // [2*4, 16, 2]
        int[] order = SwinGeometry.windowOrder(side, 4, 2);
        for (int bb = 0; bb < 2; bb++) {
            for (int p = 0; p < 64; p++) {
                assertEquals(order[p] + 100 * bb, windows.getDouble(bb * 4 + p / 16, p % 16, 0), 0.0);
                assertEquals(-order[p], windows.getDouble(bb * 4 + p / 16, p % 16, 1), 0.0);
            }
        }
    }

    @Test
    void windowPartitionMaskAndStretchFollowTheReferenceDefinitions() {
        // roll by -2 then windows of 4 on an 8x8 map: window 0 starts at original token (2, 2)
        int[] order = SwinGeometry.windowOrder(8, 4, 2);
        assertEquals(2 * 8 + 2, order[0]);
        assertEquals(5 * 8 + 5, order[15]);
        assertEquals(64, Arrays.stream(order).distinct().count());
        int[] inv = SwinGeometry.inverse(order);
        for (int p = 0; p < 64; p++) {
            assertEquals(p, inv[order[p]]);
        }
        // 4 windows; window 0 lies in one region (no mask), window 3 in four
        double[] mask = SwinGeometry.shiftMask(8, 4, 2);
        assertEquals(4 * 16 * 16, mask.length);
        assertEquals(0, Arrays.stream(mask, 0, 256).filter(m -> m != 0).count());
        assertEquals(-100.0, mask[3 * 256 + 0 * 16 + 15]);
        assertEquals(0.0, mask[3 * 256 + 0 * 16 + 1]);
        int[] rel = SwinGeometry.relativePositionIndex(2);
        assertArrayEquals(new int[] {4, 3, 1, 0, 5, 4, 2, 1, 7, 6, 4, 3, 8, 7, 5, 4}, rel);
        double[][] same = SwinGeometry.bicubic(5, 5);
        for (int i = 0; i < 5; i++) {
            for (int o = 0; o < 5; o++) {
                assertEquals(i == o ? 1.0 : 0.0, same[i][o], 1e-12);
            }
        }
        double[][] stretch = SwinGeometry.bicubic(1001, 1024);
        for (int o = 0; o < 1024; o++) {
            double sum = 0;
            for (int i = 0; i < 1001; i++) {
                sum += stretch[i][o];
            }
            assertEquals(1.0, sum, 1e-12);
        }
        assertEquals(1.0, stretch[1000][1023], 1e-12);
    }
}
