package org.flam.loss.flam.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.flam.api.graph.Loss;
import org.flam.api.graph.LossInputs;
import org.flam.loss.flam.FlamCalibration;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FrameWiseLogitAdjustedLossTest {

    /** Trainable inputs of the loss, checked by finite differences. */
    private static final String[] TRAINABLE = {"a", "e", "s", "b"};

    /** Inputs of one case, as plain arrays: a [B,F,D], e [K,D], s, b, t [K], z [B,F,K], m [B]. */
    record Case(double[][][] a, double[][] e, double[] s, double[] b, double[][][] z,
            double[] m, double[] t) {

        Map<String, INDArray> arrays(DataType type) {
            return Map.of("a", Nd4j.createFromArray(a).castTo(type),
                    "e", Nd4j.createFromArray(e).castTo(type),
                    "s", Nd4j.createFromArray(s).castTo(type),
                    "b", Nd4j.createFromArray(b).castTo(type),
                    "z", Nd4j.createFromArray(z).castTo(type),
                    "m", Nd4j.createFromArray(m).castTo(type),
                    "t", Nd4j.createFromArray(t).castTo(type));
        }
    }

    /**
     * The reference case of the model issue: {@code a = normalize_d(cos(0.3a + 0.7t + d))},
     * {@code e = normalize_d(sin(1.1c + 0.5d + 0.2))}, 2 clips, 4 frames, 3 text slots of which
     * slot 2 is padding.
     */
    static Case reference() {
        double[][][] a = new double[2][4][3];
        for (int i = 0; i < 2; i++) {
            for (int f = 0; f < 4; f++) {
                for (int d = 0; d < 3; d++) {
                    a[i][f][d] = Math.cos(0.3 * i + 0.7 * f + d);
                }
                normalize(a[i][f]);
            }
        }
        double[][] e = new double[3][3];
        for (int c = 0; c < 3; c++) {
            for (int d = 0; d < 3; d++) {
                e[c][d] = Math.sin(1.1 * c + 0.5 * d + 0.2);
            }
            normalize(e[c]);
        }
        double[][][] z = new double[2][4][3];
        z[0][1][0] = 1;
        z[0][2][0] = 1;
        z[1][0][1] = 1;
        z[1][1][1] = 1;
        z[1][3][2] = 1;
        return new Case(a, e, new double[] {10, 8, 12}, new double[] {-8, -6, -7}, z,
                new double[] {1, 1}, new double[] {1, 1, 0});
    }

    /** A seeded random case with unit-norm embeddings, sparse labels and some padding. */
    static Case random(long seed, int clips, int frames, int dim, int texts) {
        Random r = new Random(seed);
        double[][][] a = new double[clips][frames][dim];
        double[][][] z = new double[clips][frames][texts];
        for (int i = 0; i < clips; i++) {
            for (int f = 0; f < frames; f++) {
                for (int d = 0; d < dim; d++) {
                    a[i][f][d] = r.nextGaussian();
                }
                normalize(a[i][f]);
                for (int k = 0; k < texts; k++) {
                    z[i][f][k] = r.nextDouble() < 0.2 ? 1 : 0;
                }
            }
        }
        double[][] e = new double[texts][dim];
        double[] s = new double[texts];
        double[] b = new double[texts];
        double[] t = new double[texts];
        for (int k = 0; k < texts; k++) {
            for (int d = 0; d < dim; d++) {
                e[k][d] = r.nextGaussian();
            }
            normalize(e[k]);
            s[k] = 5 + 10 * r.nextDouble();
            b[k] = -6 + 4 * r.nextDouble();
            t[k] = k == texts - 1 ? 0 : 1;
        }
        double[] m = new double[clips];
        for (int i = 0; i < clips; i++) {
            m[i] = i == clips - 1 ? 0 : 1;
        }
        return new Case(a, e, s, b, z, m, t);
    }

    private static void normalize(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        for (int d = 0; d < v.length; d++) {
            v[d] /= n;
        }
    }

    /**
     * A graph with the trainable inputs as variables (so that SameDiff computes their
     * gradients), labels and masks as placeholders, and a "total" = sed + prior.
     */
    static SameDiff graph(Loss loss, Case c, DataType type) {
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        Map<String, INDArray> in = c.arrays(type);
        SDVariable a = sd.var("a", in.get("a"));
        SDVariable e = sd.var("e", in.get("e"));
        SDVariable s = sd.var("s", in.get("s"));
        SDVariable b = sd.var("b", in.get("b"));
        SDVariable z = sd.placeHolder("z", type, in.get("z").shape());
        SDVariable m = sd.placeHolder("m", type, in.get("m").shape());
        SDVariable t = sd.placeHolder("t", type, in.get("t").shape());
        Map<String, SDVariable> terms = loss.build(sd, new LossInputs(a, null, e, s, b, z, m, t, null));
        terms.get(Loss.SED).add("total", terms.get(Loss.PRIOR));
        sd.setLossVariables("total");
        return sd;
    }

    static Map<String, INDArray> placeholders(Case c, DataType type) {
        Map<String, INDArray> in = c.arrays(type);
        return Map.of("z", in.get("z"), "m", in.get("m"), "t", in.get("t"));
    }

    private static Map<String, INDArray> terms(SameDiff sd, Case c) {
        return sd.output(placeholders(c, sd.getVariable("a").dataType()),
                "loss_flam/" + Loss.SED, "loss_flam/" + Loss.PRIOR, "total");
    }

    @Test
    void reproducesTheReferenceCase() {
        // Double precision: the reference values are printed to 16-17 digits and the sums have
        // a few dozen terms, so 1e-12 leaves about three orders of magnitude for rounding
        // while any change of masking or averaging moves the values by more than 1e-2.
        Case c = reference();
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        // B and F dynamic, as the trainer may leave them; K static.
        LossInputs in = new LossInputs(sd.placeHolder("a", DataType.DOUBLE, -1, -1, 3), null,
                sd.placeHolder("e", DataType.DOUBLE, 3, 3), sd.placeHolder("s", DataType.DOUBLE, 3),
                sd.placeHolder("b", DataType.DOUBLE, 3), sd.placeHolder("z", DataType.DOUBLE, -1, -1, 3),
                sd.placeHolder("m", DataType.DOUBLE, -1), sd.placeHolder("t", DataType.DOUBLE, 3), null);
        Map<String, SDVariable> terms = new FrameWiseLogitAdjustedLoss(200, 2, 5).build(sd, in);
        Map<String, INDArray> out = sd.output(c.arrays(DataType.DOUBLE),
                terms.get(Loss.SED).name(), terms.get(Loss.PRIOR).name());
        INDArray sed = out.get(terms.get(Loss.SED).name());
        assertEquals(0, sed.rank());
        assertEquals(2.7021327317284083, sed.getDouble(0) / 200, 1e-12);
        assertEquals(1.7514055457553133, out.get(terms.get(Loss.PRIOR).name()).getDouble(0), 1e-12);

        double[] unbiased = {0.7577465009287413, 0.00351889624313789, 7.449055821095364e-05,
            0.00014475062697214537};
        double[] approximate = {0.7578775596621984, 0.0035177244830918416, 7.446558151290171e-05,
            0.00014470209887880494};
        for (int f = 0; f < 4; f++) {
            double cos = 0;
            for (int d = 0; d < 3; d++) {
                cos += c.a()[0][f][d] * c.e()[0][d];
            }
            assertEquals(unbiased[f], FlamCalibration.unbiased(10, cos, -8), 1e-12 * unbiased[f]);
            assertEquals(approximate[f], FlamCalibration.approximate(10, cos), 1e-12 * approximate[f]);
        }
    }

    @Test
    void gradientsAgreeWithFiniteDifferences() {
        Case c = random(1, 3, 4, 5, 7);
        SameDiff sd = graph(new FrameWiseLogitAdjustedLoss(200, 3, 5), c, DataType.DOUBLE);
        Map<String, INDArray> ph = placeholders(c, DataType.DOUBLE);
        Map<String, INDArray> grads = sd.calculateGradients(ph, "a", "e", "s");
        for (String v : new String[] {"a", "e", "s"}) {
            checkAgainstFiniteDifferences(sd, ph, v, "total", grads.get(v));
        }
        // b: the value of L_SED depends on b, but its gradient must come from L_prior alone.
        sd.setLossVariables("loss_flam/" + Loss.PRIOR);
        INDArray priorGrad = sd.calculateGradients(ph, "b").get("b");
        checkAgainstFiniteDifferences(sd, ph, "b", "loss_flam/" + Loss.PRIOR, priorGrad);
        sd.setLossVariables("total");
        assertEquals(priorGrad, sd.calculateGradients(ph, "b").get("b"),
                "the gradient of b is that of L_prior alone");
        sd.setLossVariables("loss_flam/" + Loss.SED);
        INDArray sedGrad = sd.calculateGradients(ph, "b").get("b");
        assertTrue(sedGrad == null || sedGrad.amaxNumber().doubleValue() == 0, "L_SED trains no bias");
        // Padded texts get no gradient from either term.
        assertEquals(0, priorGrad.getDouble(6));
    }

    /** Central differences, step 1e-6, on every element; relative error at most 1e-6. */
    private static void checkAgainstFiniteDifferences(SameDiff sd, Map<String, INDArray> ph,
            String var, String loss, INDArray grad) {
        INDArray x = sd.getVariable(var).getArr();
        double h = 1e-6;
        for (long j = 0; j < x.length(); j++) {
            double v = x.getDouble(j);
            x.putScalar(j, v + h);
            double plus = sd.output(ph, loss).get(loss).getDouble(0);
            x.putScalar(j, v - h);
            double minus = sd.output(ph, loss).get(loss).getDouble(0);
            x.putScalar(j, v);
            double numeric = (plus - minus) / (2 * h);
            double analytic = grad.getDouble(j);
            double scale = Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic));
            assertTrue(Math.abs(numeric - analytic) <= 1e-6 * scale,
                    var + "[" + j + "]: finite difference " + numeric + " vs gradient " + analytic);
        }
    }

    @Test
    void chunksGiveTheUnchunkedLossAndGradients() {
        // float32, as in training; K = 37 is no multiple of the chunk size 8.
        Case c = random(2, 4, 6, 16, 37);
        Map<String, INDArray> ph = placeholders(c, DataType.FLOAT);
        SameDiff chunked = graph(new FrameWiseLogitAdjustedLoss(1, 8, 5), c, DataType.FLOAT);
        SameDiff whole = graph(new FrameWiseLogitAdjustedLoss(1, 37, 5), c, DataType.FLOAT);
        Map<String, INDArray> chunkedTerms = terms(chunked, c);
        Map<String, INDArray> wholeTerms = terms(whole, c);
        for (String term : wholeTerms.keySet()) {
            assertEquals(wholeTerms.get(term).getDouble(0), chunkedTerms.get(term).getDouble(0), 1e-5, term);
        }
        Map<String, INDArray> g1 = chunked.calculateGradients(ph, TRAINABLE);
        Map<String, INDArray> g2 = whole.calculateGradients(ph, TRAINABLE);
        for (String v : TRAINABLE) {
            double diff = g1.get(v).sub(g2.get(v)).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-5, v + ": max difference " + diff);
            assertTrue(g2.get(v).amaxNumber().doubleValue() > 1e-3, v + " has a gradient to compare");
        }
    }

    @Test
    void paddedClipsAndTextsContributeNothing() {
        Case small = random(3, 2, 5, 4, 4);
        // The same batch with a padded clip and a padded text slot full of arbitrary values.
        Case noise = random(4, 3, 5, 4, 5);
        double[][][] a = {small.a()[0], small.a()[1], noise.a()[2]};
        double[][] e = {small.e()[0], small.e()[1], noise.e()[4], small.e()[2], small.e()[3]};
        double[][][] z = new double[3][5][5];
        for (int i = 0; i < 3; i++) {
            for (int f = 0; f < 5; f++) {
                for (int k = 0; k < 5; k++) {
                    int from = k < 2 ? k : k - 1;
                    z[i][f][k] = i < 2 && k != 2 ? small.z()[i][f][from] : 1;
                }
            }
        }
        double[] s = {small.s()[0], small.s()[1], 99, small.s()[2], small.s()[3]};
        double[] b = {small.b()[0], small.b()[1], 3, small.b()[2], small.b()[3]};
        Case unmasked = new Case(small.a(), small.e(), small.s(), small.b(), small.z(),
                new double[] {1, 1}, new double[] {1, 1, 1, 1});
        Case padded = new Case(a, e, s, b, z, new double[] {1, 1, 0}, new double[] {1, 1, 0, 1, 1});
        FrameWiseLogitAdjustedLoss loss = new FrameWiseLogitAdjustedLoss(200, 2, 5);
        Map<String, INDArray> expected = terms(graph(loss, unmasked, DataType.DOUBLE), unmasked);
        SameDiff sd = graph(loss, padded, DataType.DOUBLE);
        Map<String, INDArray> actual = terms(sd, padded);
        for (String term : expected.keySet()) {
            assertEquals(expected.get(term).getDouble(0), actual.get(term).getDouble(0), 1e-12, term);
        }
        Map<String, INDArray> grads = sd.calculateGradients(placeholders(padded, DataType.DOUBLE), TRAINABLE);
        assertEquals(0, grads.get("a").slice(2).amaxNumber().doubleValue(), "padded clip");
        assertEquals(0, grads.get("e").getRow(2).amaxNumber().doubleValue(), "padded text");
        assertEquals(0, grads.get("s").getDouble(2), "padded text scale");
        assertEquals(0, grads.get("b").getDouble(2), "padded text bias");
    }

    @Test
    void aBatchOfPaddingOnlyGivesZeroNotNaN() {
        Case c = random(5, 2, 3, 4, 3);
        Case empty = new Case(c.a(), c.e(), c.s(), c.b(), c.z(), new double[] {0, 0}, new double[] {0, 0, 0});
        Map<String, INDArray> out = terms(graph(new FrameWiseLogitAdjustedLoss(200, 2, 5), empty,
                DataType.DOUBLE), empty);
        assertEquals(0.0, out.get("total").getDouble(0));
    }

    @Test
    void kMayBeDynamicWhenBIsStatic() {
        Case c = reference();
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        LossInputs in = new LossInputs(sd.placeHolder("a", DataType.DOUBLE, 2, -1, 3), null,
                sd.placeHolder("e", DataType.DOUBLE, -1, 3), sd.placeHolder("s", DataType.DOUBLE, -1),
                sd.placeHolder("b", DataType.DOUBLE, -1), sd.placeHolder("z", DataType.DOUBLE, 2, -1, -1),
                sd.placeHolder("m", DataType.DOUBLE, 2), sd.placeHolder("t", DataType.DOUBLE, -1), null);
        // K = slots x B = 3 x 2 = 6 slots are planned; the graph is fed 3 (stridedSlice clips
        // the chunks past the end), so the loss is still the reference.
        String prior = new FrameWiseLogitAdjustedLoss(1, 2, 3).build(sd, in).get(Loss.PRIOR).name();
        assertEquals(1.7514055457553133, sd.output(c.arrays(DataType.DOUBLE), prior).get(prior).getDouble(0), 1e-12);
    }

    @Test
    void rejectsMissingInputsAndBadConfiguration() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 2, 3);
        LossInputs in = new LossInputs(x, x, x, x, x, null, x, x, x);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new FrameWiseLogitAdjustedLoss(200, 8, 5).build(sd, in));
        assertTrue(missing.getMessage().contains("FRAME_LABELS"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FrameWiseLogitAdjustedLoss(-1, 8, 5));
        assertThrows(IllegalArgumentException.class, () -> new FrameWiseLogitAdjustedLoss(200, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> new FrameWiseLogitAdjustedLoss(200, 8, 0));
    }
}
