package org.flam.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.flam.api.graph.Loss;
import org.flam.loss.flam.internal.FrameWiseLogitAdjustedLossAccess;
import org.flam.model.ModelDescription;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SPEC §2.4: the frame-wise loss run at execution level on text chunks gives the same terms and
 * the same gradient of every model parameter as the whole loss in the graph.
 */
class ChunkedLossTest {

    private static final int B = 3;
    private static final int K = 11;

    private static Map<String, INDArray> feeds(DataType t) {
        SplittableRandom r = new SplittableRandom(3);
        int mels = TinyModel.SPEC.mels();
        int time = TinyModel.SPEC.melFrames();
        int f = TinyModel.SPEC.framesPerClip();
        double[] logMel = new double[B * mels * time];
        for (int i = 0; i < logMel.length; i++) {
            logMel[i] = -80 + 70 * r.nextDouble();
        }
        double[] text = new double[K * TinyModel.TEXT_DIM];
        for (int i = 0; i < text.length; i++) {
            text[i] = r.nextDouble() * 2 - 1;
        }
        double[] labels = new double[B * f * K];
        double[] ownership = new double[B * K];
        // Clip i owns texts 3i..3i+2 and is active in some frames; slots 9 and 10 are padding.
        for (int i = 0; i < B; i++) {
            for (int j = 0; j < 3; j++) {
                int k = 3 * i + j;
                ownership[i * K + k] = 1;
                for (int fr = 0; fr < f; fr++) {
                    labels[(i * f + fr) * K + k] = r.nextDouble() < 0.4 ? 1 : 0;
                }
            }
        }
        labels[(0 * f + 1) * K + 10] = 1; // a label on a padded slot: must be ignored
        double[] textMask = new double[K];
        for (int k = 0; k < 9; k++) {
            textMask[k] = 1;
        }
        Map<String, INDArray> m = new HashMap<>();
        m.put(ModelDescription.LOG_MEL, Nd4j.create(logMel, new long[] {B, mels, time}, DataType.DOUBLE).castTo(t));
        m.put(ModelDescription.TEXT_FEATURES, Nd4j.create(text, new long[] {K, TinyModel.TEXT_DIM}, DataType.DOUBLE).castTo(t));
        m.put(Batch.FRAME_LABELS, Nd4j.create(labels, new long[] {B, f, K}, DataType.DOUBLE).castTo(t));
        m.put(Batch.CLIP_MASK, Nd4j.ones(t, B));
        m.put(Batch.LABELLED_MASK, Nd4j.createFromArray(1.0, 0.0, 1.0).castTo(t)); // clip 1 is a pair
        m.put(Batch.TEXT_MASK, Nd4j.create(textMask, new long[] {K}, DataType.DOUBLE).castTo(t));
        m.put(Batch.OWNERSHIP, Nd4j.create(ownership, new long[] {B, K}, DataType.DOUBLE).castTo(t));
        return m;
    }

    private static List<Loss> losses() {
        return List.of(org.flam.loss.softmax.internal.SoftmaxLossAccess.create(),
                FrameWiseLogitAdjustedLossAccess.create(200.0));
    }

    @Test
    void chunkedEqualsUnchunkedForEveryChunkSize() {
        for (DataType t : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            TrainingGraph whole = TrainingGraph.build(TinyModel.backend(), TinyModel.encoder(), TinyModel.heads(),
                    losses(), K, TinyModel.TEXT_DIM, 0, t);
            TrainingGraph.Step expected = whole.step(feeds(t));
            assertEquals(List.of("global", "prior", "sed"), expected.terms().keySet().stream().sorted().toList());
            for (int chunk : new int[] {10, 4, 3, 1}) {
                TrainingGraph chunked = TrainingGraph.build(TinyModel.backend(), TinyModel.encoder(), TinyModel.heads(),
                        losses(), K, TinyModel.TEXT_DIM, chunk, t);
                TrainingGraph.Step actual = chunked.step(feeds(t));
                double tol = t == DataType.DOUBLE ? 1e-10 : 1e-5;
                for (Map.Entry<String, Double> e : expected.terms().entrySet()) {
                    assertEquals(e.getValue(), actual.terms().get(e.getKey()), tol * Math.max(1, Math.abs(e.getValue())),
                            t + " chunk " + chunk + " term " + e.getKey());
                }
                assertEquals(expected.gradients().keySet(), actual.gradients().keySet());
                for (Map.Entry<String, INDArray> g : expected.gradients().entrySet()) {
                    INDArray a = actual.gradients().get(g.getKey());
                    double diff = g.getValue().castTo(DataType.DOUBLE).sub(a.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
                    double scale = Math.max(1, g.getValue().amaxNumber().doubleValue());
                    assertTrue(diff <= tol * scale, t + " chunk " + chunk + " gradient of " + g.getKey() + " differs by "
                            + diff + " (largest entry " + scale + ")");
                }
            }
        }
    }
}
