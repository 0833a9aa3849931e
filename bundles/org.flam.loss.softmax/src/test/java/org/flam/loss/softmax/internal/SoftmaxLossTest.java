package org.flam.loss.softmax.internal;

import static org.flam.api.graph.testing.ReferenceArrays.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * Expected values come from {@code src/test/python/softmax_reference.py} (PyTorch 1.13 autograd,
 * float64): case {@code pairs} is the SPEC §2.1 formula on 4 clip/text pairs, case
 * {@code masked} the multi-positive form with padded slots, evaluated on the real slots only.
 */
class SoftmaxLossTest {

    /** Every test draws its random inputs from ND4J's generator seeded the same way: no luck involved. */
    @org.junit.jupiter.api.BeforeEach
    void seedTheRandomInputs() {
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(20_261_203L);
    }

    private static final ReferenceArrays REF = new ReferenceArrays(SoftmaxLossTest.class, "softmax-reference.txt");
    private static final double LN100 = Math.log(100);

    /** The loss on a reference case: embeddings as float64 variables, masks float32 placeholders. */
    private static final class Graph {
        final SameDiff sd = SameDiff.create();
        final Map<String, INDArray> placeholders = new HashMap<>();
        final String loss;

        Graph(String name, double tau) {
            this(REF.get(name + ".a"), REF.get(name + ".e"), masks(name), tau);
        }

        Graph(INDArray a, INDArray e, INDArray[] masks, double tau) {
            sd.setEnableCache(false); // FIELD-NOTES: the execution cache returned stale values
            SDVariable clipMask = sd.placeHolder("clipMask", DataType.FLOAT, a.rows());
            SDVariable textMask = sd.placeHolder("textMask", DataType.FLOAT, e.rows());
            SDVariable ownership = sd.placeHolder("ownership", DataType.FLOAT, a.rows(), e.rows());
            placeholders.put("clipMask", masks[0].castTo(DataType.FLOAT));
            placeholders.put("textMask", masks[1].castTo(DataType.FLOAT));
            placeholders.put("ownership", masks[2].castTo(DataType.FLOAT));
            LossInputs in = new LossInputs(null, sd.var("a", a), sd.var("e", e), null, null, null,
                    clipMask, textMask, ownership);
            SDVariable term = new SoftmaxLoss(0.07, 100).build(sd, in).get(Loss.GLOBAL);
            loss = term.name();
            sd.setLossVariables(loss);
            sd.getVariable(SoftmaxLoss.TAU).getArr().assign(tau);
        }

        double value() {
            return sd.output(placeholders, loss).get(loss).getDouble(0);
        }

        Map<String, INDArray> gradients() {
            return sd.calculateGradients(placeholders, "a", "e", SoftmaxLoss.TAU);
        }
    }

    private static INDArray[] masks(String name) {
        if (name.equals("pairs")) {
            return new INDArray[] {Nd4j.ones(4), Nd4j.ones(4), Nd4j.eye(4)};
        }
        return new INDArray[] {REF.get(name + ".clipMask"), REF.get(name + ".textMask"),
            REF.get(name + ".ownership")};
    }

    @ParameterizedTest
    @ValueSource(strings = {"pairs", "masked"})
    void lossAndGradientsMatchTorch(String name) {
        Graph g = new Graph(name, REF.scalar(name + ".tau"));
        // float64 throughout; ND4J and torch differ only by summation order
        assertEquals(REF.scalar(name + ".loss"), g.value(), 1e-12);
        Map<String, INDArray> grads = g.gradients();
        assertClose(REF.get(name + ".grad.a"), grads.get("a"), 1e-12, "dL/da");
        assertClose(REF.get(name + ".grad.e"), grads.get("e"), 1e-12, "dL/de");
        assertClose(REF.get(name + ".grad.tau"), grads.get(SoftmaxLoss.TAU), 1e-12, "dL/dtau");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pairs", "masked"})
    void finiteDifferencesAgreeWithTheGradientOfEveryVariable(String name) {
        Graph g = new Graph(name, REF.scalar(name + ".tau"));
        FiniteDifferences.check(g.sd, g.placeholders, g.loss, g.gradients(), Integer.MAX_VALUE, 1e-6);
    }

    @Test
    void theClampHoldsTauAtLn100AndStopsItsGradient() {
        Graph atClamp = new Graph("masked", LN100);
        Graph above = new Graph("masked", LN100 + 0.5);
        Graph below = new Graph("masked", LN100 - 0.5);
        assertEquals(atClamp.value(), above.value(), 1e-12);
        assertNotEquals(atClamp.value(), below.value(), 1e-3);
        assertEquals(0.0, above.gradients().get(SoftmaxLoss.TAU).getDouble(0), 0.0, "exactly zero (or -0)");
        assertTrue(Math.abs(below.gradients().get(SoftmaxLoss.TAU).getDouble(0)) > 1e-3,
                "below the clamp tau is trained");
    }

    @Test
    void paddedSlotsContributeNothingWhateverTheyHold() {
        Graph reference = new Graph("masked", 2.5);
        // clip slot 3 and text slot 6 are padding: fill them with other unit vectors
        INDArray a = REF.get("masked.a");
        INDArray e = REF.get("masked.e");
        a.putRow(3, e.getRow(0));
        e.putRow(6, a.getRow(0));
        Graph scrambled = new Graph(a, e, masks("masked"), 2.5);
        assertEquals(reference.value(), scrambled.value(), 1e-12);

        Map<String, INDArray> grads = scrambled.gradients();
        assertEquals(0.0, grads.get("a").getRow(3).norm2Number().doubleValue());
        assertEquals(0.0, grads.get("e").getRow(6).norm2Number().doubleValue());
    }

    @Test
    void aBatchWithoutRealPairsGivesZeroNotNaN() {
        INDArray[] none = {Nd4j.zeros(4), Nd4j.zeros(7), Nd4j.zeros(4, 7)};
        Graph g = new Graph(REF.get("masked.a"), REF.get("masked.e"), none, 2.5);
        assertEquals(0.0, g.value());
        assertEquals(0.0, g.gradients().get("a").norm2Number().doubleValue());
    }

    @Test
    void tauStartsAtLnOneOverT0InTheLossScopeAndFloat32InputsGiveAFloat32Scalar() {
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        LossInputs in = new LossInputs(null, sd.placeHolder("a", DataType.FLOAT, -1, 8),
                sd.placeHolder("e", DataType.FLOAT, -1, 8), null, null, null,
                sd.placeHolder("cm", DataType.FLOAT, -1), sd.placeHolder("tm", DataType.FLOAT, -1),
                sd.placeHolder("own", DataType.FLOAT, -1, -1));
        Map<String, SDVariable> terms = new SoftmaxLoss(0.07, 100).build(sd, in);

        assertEquals(Set.of(Loss.GLOBAL), terms.keySet());
        SDVariable tau = sd.getVariable(SoftmaxLoss.TAU);
        assertEquals("loss_softmax/tau", tau.name());
        assertEquals(DataType.FLOAT, tau.dataType());
        assertEquals(Math.log(1 / 0.07), tau.getArr().getDouble(0), 1e-6);
        INDArray own = Nd4j.zeros(DataType.FLOAT, 3, 5);
        for (int i = 0; i < 3; i++) {
            own.putScalar(i, i + 1, 1); // text 0 and 4 owned by nobody
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
                () -> new SoftmaxLoss(0.07, 100).build(sd, in));
        assertTrue(e.getMessage().contains("TEXT_EMBEDDINGS") && e.getMessage().contains("OWNERSHIP"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxLoss(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxLoss(0.07, Double.NaN));
    }
}
