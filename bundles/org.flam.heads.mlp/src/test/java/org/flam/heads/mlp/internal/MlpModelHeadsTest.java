package org.flam.heads.mlp.internal;

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
import org.flam.api.graph.HeadOutputs;
import org.flam.api.graph.ModelHeads;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

class MlpModelHeadsTest {

    /** Every test draws its random inputs from ND4J's generator seeded the same way: no luck involved. */
    @org.junit.jupiter.api.BeforeEach
    void seedTheRandomInputs() {
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(20_261_203L);
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

    private static MlpModelHeads defaults(Map<String, Object> overrides) {
        return new MlpModelHeads(ComponentConfigs.of(MlpModelHeadsConfiguration.class, overrides));
    }

    private static Map<String, INDArray> run(SameDiff sd, HeadOutputs out, Map<String, INDArray> ph) {
        return sd.output(ph, out.frameEmbeddings().name(), out.globalEmbeddings().name(), out.textEmbeddings().name(),
                out.logitScale().name(), out.logitBias().name());
    }

    @Test
    void defaultsAndShapesWithStaticAndDynamicSizes() {
        MlpModelHeads heads = defaults(Map.of());
        assertEquals(256, heads.embeddingSize());
        assertEquals(256, heads.audioFeatureSize());
        assertEquals(384, heads.textFeatureSize());
        for (boolean dynamicFrames : new boolean[] {false, true}) {
            SameDiff sd = graph();
            SDVariable h = sd.placeHolder("h", DataType.FLOAT, -1, dynamicFrames ? -1 : 32, 256);
            SDVariable u = sd.placeHolder("u", DataType.FLOAT, -1, 384);
            HeadOutputs out = heads.build(sd, h, u);
            for (int[] bk : new int[][] {{2, 5}, {3, 15}}) {
                int b = bk[0];
                int k = bk[1];
                Map<String, INDArray> r = run(sd, out, Map.of("h", Nd4j.randn(DataType.FLOAT, b, 32, 256),
                        "u", Nd4j.randn(DataType.FLOAT, k, 384).muli(0.05)));
                assertArrayEquals(new long[] {b, 32, 256}, r.get(out.frameEmbeddings().name()).shape());
                assertArrayEquals(new long[] {b, 256}, r.get(out.globalEmbeddings().name()).shape());
                assertArrayEquals(new long[] {k, 256}, r.get(out.textEmbeddings().name()).shape());
                assertArrayEquals(new long[] {k}, r.get(out.logitScale().name()).shape());
                assertArrayEquals(new long[] {k}, r.get(out.logitBias().name()).shape());
                for (String e : new String[] {out.frameEmbeddings().name(), out.globalEmbeddings().name(),
                        out.textEmbeddings().name()}) {
                    INDArray x = r.get(e);
                    INDArray norms = x.norm2(x.rank() - 1);
                    assertEquals(1.0, norms.minNumber().doubleValue(), 1e-5, e);
                    assertEquals(1.0, norms.maxNumber().doubleValue(), 1e-5, e);
                    assertEquals(DataType.FLOAT, x.dataType());
                }
                // at init the bias is near -8 and the scale near 10
                INDArray bias = r.get(out.logitBias().name());
                INDArray scale = r.get(out.logitScale().name());
                assertEquals(-8.0, bias.meanNumber().doubleValue(), 0.5);
                assertEquals(10.0, scale.meanNumber().doubleValue(), 5.0);
                assertTrue(scale.minNumber().doubleValue() > 0);
            }
        }
    }

    @Test
    void lastBiasesStartAtMinusEightAndLnTenAndNamesAreInTheScope() {
        MlpModelHeads heads = new MlpModelHeads(8, 6, 5, 0);
        SameDiff sd = graph();
        heads.build(sd, sd.placeHolder("h", DataType.FLOAT, -1, -1, 6), sd.placeHolder("u", DataType.FLOAT, -1, 5));
        assertEquals(-8.0, sd.getVariable("heads/bias/fc2/b").getArr().getDouble(0));
        assertEquals(Math.log(10), sd.getVariable("heads/scale/fc2/b").getArr().getDouble(0), 1e-6);
        assertEquals(ModelHeads.BIAS_INIT, -8.0);
        List<String> names = trainable(sd);
        assertEquals(new TreeSet<>(MlpModelHeads.variableNames()), new TreeSet<>(names));
        long count = 0;
        for (String n : names) {
            count += sd.getVariable(n).getArr().length();
        }
        assertEquals(heads.parameterCount(), count);
        for (SDVariable v : sd.variables()) {
            if (!v.name().equals("h") && !v.name().equals("u")) {
                assertTrue(v.name().startsWith(ModelHeads.SCOPE + "/"), v.name());
            }
        }
        System.out.println("default mlp heads: " + defaults(Map.of()).parameterCount() + " parameters");
    }

    @Test
    void globalEmbeddingProjectsTheMeanOverFramesAndFramesAreProjectedOneByOne() {
        MlpModelHeads heads = new MlpModelHeads(4, 6, 5, 3);
        SameDiff sd = graph();
        Nd4j.getRandom().setSeed(31); // seeded inputs: the comparison is at 1e-12
        INDArray h = Nd4j.randn(DataType.DOUBLE, 2, 3, 6);
        HeadOutputs out = heads.build(sd, sd.placeHolder("h", DataType.DOUBLE, -1, 3, 6),
                sd.placeHolder("u", DataType.DOUBLE, -1, 5));
        Map<String, INDArray> r = run(sd, out, Map.of("h", h, "u", Nd4j.randn(DataType.DOUBLE, 2, 5)));
        INDArray w1 = sd.getVariable("heads/audio/fc1/W").getArr();
        INDArray b1 = sd.getVariable("heads/audio/fc1/b").getArr();
        INDArray w2 = sd.getVariable("heads/audio/fc2/W").getArr();
        INDArray b2 = sd.getVariable("heads/audio/fc2/b").getArr();
        INDArray mean = h.mean(1);
        INDArray g = Transforms.relu(mean.mmul(w1).addRowVector(b1)).mmul(w2).addRowVector(b2);
        // the heads normalise as x / sqrt(Σ x² + 1e-12) (MlpModelHeads#normalize); without the
        // 1e-12 the two differ by about 1e-12 for some inputs, which is where this test was flaky
        g.diviColumnVector(Transforms.sqrt(g.mul(g).sum(1).addi(1e-12)).reshape(-1, 1));
        assertTrue(g.equalsWithEps(r.get(out.globalEmbeddings().name()), 1e-12));
        INDArray frame = h.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2), org.nd4j.linalg.indexing.NDArrayIndex.all()).reshape(1, 6);
        INDArray f = Transforms.relu(frame.mmul(w1).addRowVector(b1)).mmul(w2).addRowVector(b2);
        f.divi(Math.sqrt(f.mul(f).sumNumber().doubleValue() + 1e-12));
        INDArray got = r.get(out.frameEmbeddings().name()).get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertTrue(f.reshape(4).equalsWithEps(got, 1e-12));
    }

    @Test
    void geluIsTheTanhFormAndSameDiffsGeluIsNot() {
        SameDiff sd = graph();
        SDVariable x = sd.constant("x", Nd4j.createFromArray(-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0));
        SDVariable mine = MlpModelHeads.gelu(x);
        SDVariable theirs = sd.nn.gelu(x);
        Map<String, INDArray> r = sd.output(Map.of(), mine.name(), theirs.name());
        double[] xs = {-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0};
        for (int i = 0; i < xs.length; i++) {
            double v = xs[i];
            double tanhForm = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            assertEquals(tanhForm, r.get(mine.name()).getDouble(i), 1e-12);
        }
        // exact GELU(1) = 0.8413447; SameDiff's gelu is x sigmoid(1.702 x) = 0.8457957
        assertEquals(0.8413447, r.get(mine.name()).getDouble(5), 2e-4);
        assertEquals(1.0 / (1 + Math.exp(-1.702)), r.get(theirs.name()).getDouble(5), 1e-6);
    }

    @Test
    void finiteDifferencesAgreeWithTheGradientOfEveryVariable() {
        Nd4j.getRandom().setSeed(21);
        MlpModelHeads heads = new MlpModelHeads(4, 6, 5, 9);
        SameDiff sd = graph();
        HeadOutputs out = heads.build(sd, sd.placeHolder("h", DataType.DOUBLE, -1, 3, 6),
                sd.placeHolder("u", DataType.DOUBLE, -1, 5));
        // every output enters the loss: frame-level logits s <a, e> + b and the global similarities
        SDVariable cos = sd.mmul(out.frameEmbeddings().reshape(-1, 4), out.textEmbeddings(), false, true, false);
        SDVariable logits = cos.mul(out.logitScale().reshape(1, -1)).add(out.logitBias().reshape(1, -1));
        SDVariable g = sd.mmul(out.globalEmbeddings(), out.textEmbeddings(), false, true, false);
        SDVariable loss = sd.math.tanh(logits.mul(0.3)).mul(sd.constant(Nd4j.rand(DataType.DOUBLE, 6, 4).subi(0.5))).sum()
                .add(g.mul(sd.constant(Nd4j.rand(DataType.DOUBLE, 2, 4))).sum());
        sd.setLossVariables(loss);
        // bias and scale inputs moved away from the huge -8 so that tanh is not saturated
        sd.getVariable("heads/bias/fc2/b").getArr().assign(0.3);
        Map<String, INDArray> ph = Map.of("h", Nd4j.randn(DataType.DOUBLE, 2, 3, 6), "u", Nd4j.randn(DataType.DOUBLE, 4, 5));
        List<String> vars = trainable(sd);
        for (String v : vars) { // off the initial values, so no unit sits on a ReLU kink
            INDArray a = sd.getVariable(v).getArr();
            a.addi(Nd4j.rand(DataType.DOUBLE, a.shape()).subi(0.5).muli(0.1));
        }
        Map<String, INDArray> grads = sd.calculateGradients(ph, vars.toArray(new String[0]));
        assertEquals(16, grads.size());
        FiniteDifferences.check(sd, ph, loss.name(), grads, 1000, 1e-6);
    }

    @Test
    void adamDrivesABinaryCrossEntropyOnAFixedBatchDown() {
        Nd4j.getRandom().setSeed(22);
        MlpModelHeads heads = new MlpModelHeads(16, 12, 10, 4);
        SameDiff sd = graph();
        HeadOutputs out = heads.build(sd, sd.placeHolder("h", DataType.FLOAT, -1, 5, 12),
                sd.placeHolder("u", DataType.FLOAT, -1, 10));
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, -1, -1);
        // clip i owns text i: BCE of sigma(s_k <a_i, e_k> + b_k) against the identity
        SDVariable x = sd.mmul(out.globalEmbeddings(), out.textEmbeddings(), false, true, false)
                .mul(out.logitScale().reshape(1, -1)).add(out.logitBias().reshape(1, -1));
        SDVariable r = sd.nn.relu(x, 0);
        SDVariable bce = r.sub(x.mul(z)).add(sd.math.log1p(sd.math.exp(sd.math.abs(x).neg())));
        SDVariable loss = bce.mean();
        sd.setLossVariables(loss);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-2))
                .dataSetFeatureMapping("h", "u").dataSetLabelMapping("z").build());
        INDArray h = Nd4j.randn(DataType.FLOAT, 6, 5, 12);
        INDArray u = Nd4j.randn(DataType.FLOAT, 6, 10);
        INDArray eye = Nd4j.eye(6).castTo(DataType.FLOAT);
        Map<String, INDArray> ph = Map.of("h", h, "u", u, "z", eye);
        double first = sd.output(ph, loss.name()).get(loss.name()).getDouble(0);
        MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {h, u}, new INDArray[] {eye});
        for (int i = 0; i < 300; i++) {
            sd.fit(batch);
        }
        double last = sd.output(ph, loss.name()).get(loss.name()).getDouble(0);
        assertTrue(last < first / 20, "loss " + first + " -> " + last);
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        Map<String, INDArray> a = weights(new MlpModelHeads(8, 6, 5, 1));
        Map<String, INDArray> b = weights(new MlpModelHeads(8, 6, 5, 1));
        Map<String, INDArray> c = weights(new MlpModelHeads(8, 6, 5, 0).withSeed(1));
        Map<String, INDArray> d = weights(new MlpModelHeads(8, 6, 5, 2));
        for (String n : a.keySet()) {
            assertEquals(a.get(n), b.get(n), n);
            assertEquals(a.get(n), c.get(n), n);
        }
        assertNotEquals(a.get("heads/audio/fc1/W"), d.get("heads/audio/fc1/W"));
        assertNotEquals(a.get("heads/text/fc2/W"), d.get("heads/text/fc2/W"));
    }

    private static Map<String, INDArray> weights(MlpModelHeads heads) {
        SameDiff sd = graph();
        heads.build(sd, sd.placeHolder("h", DataType.FLOAT, -1, 4, 6), sd.placeHolder("u", DataType.FLOAT, -1, 5));
        Map<String, INDArray> w = new HashMap<>();
        for (String n : trainable(sd)) {
            w.put(n, sd.getVariable(n).getArr().dup());
        }
        return w;
    }

    @Test
    void mismatchedInputsAndInvalidSizesAreRejected() {
        MlpModelHeads heads = new MlpModelHeads(8, 6, 5, 0);
        SameDiff sd = graph();
        SDVariable u = sd.placeHolder("u", DataType.FLOAT, -1, 5);
        assertThrows(IllegalArgumentException.class,
                () -> heads.build(sd, sd.placeHolder("h", DataType.FLOAT, -1, 4, 7), u));
        assertThrows(IllegalArgumentException.class,
                () -> heads.build(sd, sd.placeHolder("h2", DataType.FLOAT, -1, 6), u));
        assertThrows(IllegalArgumentException.class,
                () -> heads.build(sd, sd.placeHolder("h3", DataType.FLOAT, -1, 4, 6), sd.placeHolder("u2", DataType.FLOAT, -1, 4)));
        assertThrows(IllegalArgumentException.class, () -> new MlpModelHeads(0, 6, 5, 0));
    }
}
