package org.flam.train.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.flam.api.graph.AudioEncoder;
import org.flam.api.graph.Loss;
import org.flam.api.graph.ModelHeads;
import org.flam.api.graph.testing.ComponentConfigs;
import org.flam.api.graph.testing.PlainGraphBackend;
import org.flam.audio.cnn.internal.ConvAudioEncoder;
import org.flam.audio.cnn.internal.ConvAudioEncoderConfiguration;
import org.flam.heads.mlp.internal.MlpModelHeads;
import org.flam.heads.mlp.internal.MlpModelHeadsConfiguration;
import org.flam.loss.flam.internal.FrameWiseLogitAdjustedLossAccess;
import org.flam.loss.softmax.internal.SoftmaxLossAccess;
import org.flam.model.ModelDescription;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The whole training step of the default model (cnn encoder, mlp heads, InfoNCE + 200 L_SED +
 * L_prior, Adam) on one seeded synthetic batch: B = 16 clips of 64 x 1001 log-mel, K = 80 text
 * slots of 384 features, 32 frames. Prints the median step (graph + optimiser) and, with
 * {@code profile}, the time per op type of one step (a listener around every op, so the sum
 * is a little above the plain step) and the rest outside the ops.
 *
 * <p>Usage: {@code TrainStepBench [steps] [profile]}; run by {@code bench/train-step.sh}.
 */
public final class TrainStepBench {

    private TrainStepBench() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        boolean profile = args.length > 1 && args[1].equals("profile");
        int batch = 16;
        int k = 80;
        AudioEncoder encoder = new ConvAudioEncoder(ComponentConfigs.of(ConvAudioEncoderConfiguration.class, Map.of()));
        ModelHeads heads = new MlpModelHeads(ComponentConfigs.of(MlpModelHeadsConfiguration.class, Map.of()));
        List<Loss> losses = List.of(SoftmaxLossAccess.create(), FrameWiseLogitAdjustedLossAccess.create(200));
        TrainingGraph graph = TrainingGraph.build(new PlainGraphBackend(), encoder, heads, losses, k, 384, 0,
                DataType.FLOAT);
        Map<String, INDArray> feeds = feeds(batch, k, 1);
        Map<String, INDArray> parameters = graph.parameterArrays();
        long count = parameters.values().stream().mapToLong(INDArray::length).sum();
        Adam adam = new Adam(0.9, 0.999, 1e-8, 0, 5);
        for (int i = 1; i <= 3; i++) {
            step(graph, adam, i, parameters, feeds);
        }
        double[] ms = new double[steps];
        double[] adamMs = new double[steps];
        Map<String, Double> terms = null;
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            TrainingGraph.Step s = graph.step(feeds);
            long t1 = System.nanoTime();
            adam.update(4 + i, 1e-4, parameters, s.gradients());
            long t2 = System.nanoTime();
            s.gradients().values().forEach(INDArray::close);
            ms[i] = (t2 - t0) / 1e6;
            adamMs[i] = (t2 - t1) / 1e6;
            terms = s.terms();
        }
        Arrays.sort(ms);
        Arrays.sort(adamMs);
        System.out.printf("java train step: %d parameters, B %d, K %d; median %.1f ms (min %.1f), of which Adam %.1f ms;"
                + " terms %s%n", count, batch, k, ms[steps / 2], ms[0], adamMs[steps / 2], terms);
        if (profile) {
            OpTimes times = new OpTimes();
            graph.graph().addListeners(times);
            step(graph, adam, 100, parameters, feeds);
            times.clear();
            long t0 = System.nanoTime();
            step(graph, adam, 101, parameters, feeds);
            double total = (System.nanoTime() - t0) / 1e6;
            times.print(total);
        }
    }

    private static void step(TrainingGraph graph, Adam adam, long i, Map<String, INDArray> parameters,
            Map<String, INDArray> feeds) {
        TrainingGraph.Step s = graph.step(feeds);
        adam.update(i, 1e-4, parameters, s.gradients());
        s.gradients().values().forEach(INDArray::close);
    }

    /** A seeded batch: 12 labelled clips, 4 pairs, 5 captions per clip, sparse frame labels. */
    static Map<String, INDArray> feeds(int b, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int f = 32;
        float[] logMel = new float[b * 64 * 1001];
        for (int i = 0; i < logMel.length; i++) {
            logMel[i] = (float) (-100 + 100 * r.nextDouble());
        }
        float[] text = new float[k * 384];
        for (int i = 0; i < text.length; i++) {
            text[i] = (float) (r.nextGaussian() * 0.05);
        }
        float[] labels = new float[b * f * k];
        float[] ownership = new float[b * k];
        float[] labelled = new float[b];
        float[] clipMask = new float[b];
        float[] textMask = new float[k];
        Arrays.fill(textMask, 1);
        for (int i = 0; i < b; i++) {
            clipMask[i] = 1;
            labelled[i] = i < 12 ? 1 : 0;
            for (int j = 0; j < 5; j++) {
                int slot = i * 5 + j;
                ownership[i * k + slot] = 1;
                int on = r.nextInt(f);
                int off = Math.min(f, on + 1 + r.nextInt(8));
                for (int t = on; t < off && labelled[i] == 1; t++) {
                    labels[(i * f + t) * k + slot] = 1;
                }
            }
        }
        Map<String, INDArray> m = new HashMap<>();
        m.put(ModelDescription.LOG_MEL, Nd4j.create(logMel, new long[] {b, 64, 1001}, DataType.FLOAT));
        m.put(ModelDescription.TEXT_FEATURES, Nd4j.create(text, new long[] {k, 384}, DataType.FLOAT));
        m.put(Batch.FRAME_LABELS, Nd4j.create(labels, new long[] {b, f, k}, DataType.FLOAT));
        m.put(Batch.CLIP_MASK, Nd4j.create(clipMask, new long[] {b}, DataType.FLOAT));
        m.put(Batch.LABELLED_MASK, Nd4j.create(labelled, new long[] {b}, DataType.FLOAT));
        m.put(Batch.TEXT_MASK, Nd4j.create(textMask, new long[] {k}, DataType.FLOAT));
        m.put(Batch.OWNERSHIP, Nd4j.create(ownership, new long[] {b, k}, DataType.FLOAT));
        return m;
    }

    /** Wall time per op type (op name), summed over one step. */
    static final class OpTimes extends BaseListener {
        private final Map<String, long[]> byOp = new TreeMap<>();
        private long start;

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
            start = System.nanoTime();
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                INDArray[] outputs) {
            long[] v = byOp.computeIfAbsent(op.getOp().opName(), x -> new long[2]);
            v[0] += System.nanoTime() - start;
            v[1]++;
        }

        void clear() {
            byOp.clear();
        }

        void print(double totalMs) {
            List<Map.Entry<String, long[]>> e = new ArrayList<>(byOp.entrySet());
            e.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
            double inOps = 0;
            int ops = 0;
            for (Map.Entry<String, long[]> x : e) {
                inOps += x.getValue()[0] / 1e6;
                ops += x.getValue()[1];
            }
            System.out.printf("profile: one step %.1f ms, %d ops, %.1f ms inside ops, %.1f ms outside (SameDiff, Adam)%n",
                    totalMs, ops, inOps, totalMs - inOps);
            for (Map.Entry<String, long[]> x : e) {
                System.out.printf("  %-28s %5d ops %8.2f ms%n", x.getKey(), x.getValue()[1], x.getValue()[0] / 1e6);
            }
        }
    }
}
