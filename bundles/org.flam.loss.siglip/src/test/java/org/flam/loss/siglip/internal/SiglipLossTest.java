package org.flam.loss.siglip.internal;

import static org.flam.api.graph.testing.ReferenceArrays.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.flam.api.graph.Loss;
import org.flam.api.graph.testing.FiniteDifferences;
import org.flam.api.graph.testing.ReferenceArrays;
import org.flam.api.graph.LossInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Expected values come from {@code src/test/python/siglip_reference.py} (PyTorch 1.13 autograd,
 * float64): case {@code pairs} is the SPEC §2.2 formula on 4 clip/text pairs at the initial
 * scale and bias, case {@code masked} the multi-positive form with padded slots, evaluated on
 * the real slots only.
 */
class SiglipLossTest {

    /** Every test draws its random inputs from ND4J's generator seeded the same way: no luck involved. */
    @org.junit.jupiter.api.BeforeEach
    void seedTheRandomInputs() {
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(20_261_203L);
    }

    private static final ReferenceArrays REF = new ReferenceArrays(SiglipLossTest.class, "siglip-reference.txt");
    private static final String[] TRAINABLE = {"a", "e", SiglipLoss.LOG_SCALE, SiglipLoss.BIAS};

    /** The loss on given inputs: embeddings as variables, masks float32 placeholders. */
    private static final class Graph {
        final SameDiff sd = SameDiff.create();
        final Map<String, INDArray> placeholders = new HashMap<>();
        final String loss;

        Graph(String name) {
            this(REF.get(name + ".a"), REF.get(name + ".e"), REF.get(name + ".clipMask"),
                    REF.get(name + ".textMask"), REF.get(name + ".ownership"));
            sd.getVariable(SiglipLoss.LOG_SCALE).getArr().assign(REF.scalar(name + ".logScale"));
            sd.getVariable(SiglipLoss.BIAS).getArr().assign(REF.scalar(name + ".bias"));
        }

        Graph(INDArray a, INDArray e, INDArray clipMask, INDArray textMask, INDArray ownership) {
            sd.setEnableCache(false); // FIELD-NOTES: the execution cache returned stale values
            placeholders.put("clipMask", clipMask.castTo(DataType.FLOAT));
            placeholders.put("textMask", textMask.castTo(DataType.FLOAT));
            placeholders.put("ownership", ownership.castTo(DataType.FLOAT));
            LossInputs in = new LossInputs(null, sd.var("a", a), sd.var("e", e), null, null, null,
                    sd.placeHolder("clipMask", DataType.FLOAT, a.rows()),
                    sd.placeHolder("textMask", DataType.FLOAT, e.rows()),
                    sd.placeHolder("ownership", DataType.FLOAT, a.rows(), e.rows()));
            SDVariable term = new SiglipLoss(10, -10).build(sd, in).get(Loss.GLOBAL);
            loss = term.name();
            sd.setLossVariables(loss);
        }

        double value() {
            return sd.output(placeholders, loss).get(loss).getDouble(0);
        }

        Map<String, INDArray> gradients() {
            return sd.calculateGradients(placeholders, TRAINABLE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pairs", "masked"})
    void lossAndGradientsMatchTorch(String name) {
        Graph g = new Graph(name);
        // float64 throughout; ND4J and torch differ only by summation order
        assertEquals(REF.scalar(name + ".loss"), g.value(), 1e-12);
        Map<String, INDArray> grads = g.gradients();
        assertClose(REF.get(name + ".grad.a"), grads.get("a"), 1e-12, "dL/da");
        assertClose(REF.get(name + ".grad.e"), grads.get("e"), 1e-12, "dL/de");
        assertClose(REF.get(name + ".grad.logScale"), grads.get(SiglipLoss.LOG_SCALE), 1e-12, "dL/dt'");
        assertClose(REF.get(name + ".grad.bias"), grads.get(SiglipLoss.BIAS), 1e-12, "dL/db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pairs", "masked"})
    void finiteDifferencesAgreeWithTheGradientOfEveryVariable(String name) {
        Graph g = new Graph(name);
        FiniteDifferences.check(g.sd, g.placeholders, g.loss, g.gradients(), Integer.MAX_VALUE, 1e-6);
    }

    @Test
    void paddedSlotsContributeNothingWhateverTheyHold() {
        Graph reference = new Graph("masked");
        // clip slot 3 and text slot 6 are padding: fill them with other unit vectors
        INDArray a = REF.get("masked.a");
        INDArray e = REF.get("masked.e");
        a.putRow(3, e.getRow(0));
        e.putRow(6, a.getRow(0));
        Graph scrambled = new Graph(a, e, REF.get("masked.clipMask"), REF.get("masked.textMask"),
                REF.get("masked.ownership"));
        scrambled.sd.getVariable(SiglipLoss.LOG_SCALE).getArr().assign(REF.scalar("masked.logScale"));
        scrambled.sd.getVariable(SiglipLoss.BIAS).getArr().assign(REF.scalar("masked.bias"));
        assertEquals(reference.value(), scrambled.value(), 1e-12);

        Map<String, INDArray> grads = scrambled.gradients();
        assertEquals(0.0, grads.get("a").getRow(3).norm2Number().doubleValue());
        assertEquals(0.0, grads.get("e").getRow(6).norm2Number().doubleValue());
    }

    @Test
    void aBatchWithoutRealClipsGivesZeroNotNaN() {
        Graph g = new Graph(REF.get("masked.a"), REF.get("masked.e"), Nd4j.zeros(4), Nd4j.zeros(7),
                Nd4j.zeros(4, 7));
        assertEquals(0.0, g.value());
        assertEquals(0.0, g.gradients().get(SiglipLoss.BIAS).getDouble(0), 0.0);
    }

    @Test
    void largeLogitsDoNotOverflowInFloat32() {
        // one clip, one text, identical unit vectors, not owned: x = 1000 <a,e> + 0 = 1000 and
        // -log σ(-1000) = 1000; exp(1000) is infinite in float32
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        INDArray v = Nd4j.createFromArray(new float[][] {{0.6f, 0.8f}});
        LossInputs in = new LossInputs(null, sd.constant("a", v), sd.constant("e", v.dup()), null, null, null,
                sd.constant("cm", Nd4j.ones(DataType.FLOAT, 1)), sd.constant("tm", Nd4j.ones(DataType.FLOAT, 1)),
                sd.constant("own", Nd4j.zeros(DataType.FLOAT, 1, 1)));
        String name = new SiglipLoss(1000, 0).build(sd, in).get(Loss.GLOBAL).name();
        INDArray out = sd.output(Map.of(), name).get(name);
        assertEquals(DataType.FLOAT, out.dataType());
        assertEquals(1000.0, out.getDouble(0), 1e-3);
    }

    @Test
    void scaleAndBiasStartAtTheConfiguredValuesInTheLossScopeAndFloat32InputsGiveAFloat32Scalar() {
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        LossInputs in = new LossInputs(null, sd.placeHolder("a", DataType.FLOAT, -1, 8),
                sd.placeHolder("e", DataType.FLOAT, -1, 8), null, null, null,
                sd.placeHolder("cm", DataType.FLOAT, -1), sd.placeHolder("tm", DataType.FLOAT, -1),
                sd.placeHolder("own", DataType.FLOAT, -1, -1));
        Map<String, SDVariable> terms = new SiglipLoss(10, -10).build(sd, in);

        assertEquals(Set.of(Loss.GLOBAL), terms.keySet());
        assertEquals("loss_siglip/log_scale", SiglipLoss.LOG_SCALE);
        assertEquals("loss_siglip/bias", SiglipLoss.BIAS);
        assertEquals(Math.log(10), sd.getVariable(SiglipLoss.LOG_SCALE).getArr().getDouble(0), 1e-6);
        assertEquals(-10.0, sd.getVariable(SiglipLoss.BIAS).getArr().getDouble(0));
        assertEquals(DataType.FLOAT, sd.getVariable(SiglipLoss.BIAS).dataType());
        INDArray own = Nd4j.zeros(DataType.FLOAT, 3, 5);
        for (int i = 0; i < 3; i++) {
            own.putScalar(i, i + 1, 1);
        }
        String name = terms.get(Loss.GLOBAL).name();
        INDArray out = sd.output(Map.of("a", Nd4j.rand(DataType.FLOAT, 3, 8), "e", Nd4j.rand(DataType.FLOAT, 5, 8),
                "cm", Nd4j.ones(DataType.FLOAT, 3), "tm", Nd4j.ones(DataType.FLOAT, 5), "own", own), name).get(name);
        assertEquals(0, out.rank());
        assertEquals(DataType.FLOAT, out.dataType());
    }

    @Test
    void missingInputsAndInvalidConfigurationAreRejected() {
        SameDiff sd = SameDiff.create();
        LossInputs in = new LossInputs(null, sd.placeHolder("a", DataType.FLOAT, -1, 8), null, null, null,
                null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SiglipLoss(10, -10).build(sd, in));
        assertTrue(e.getMessage().contains("TEXT_EMBEDDINGS") && e.getMessage().contains("OWNERSHIP"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SiglipLoss(0, -10));
        assertThrows(IllegalArgumentException.class, () -> new SiglipLoss(10, Double.NEGATIVE_INFINITY));
    }
}
