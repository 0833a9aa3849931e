package org.flam.train.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flam.api.graph.GraphBackend;
import org.flam.api.graph.Loss;
import org.flam.api.graph.LossInputs;
import org.flam.api.graph.LossInputs.Input;
import org.flam.model.ModelDescription;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A loss that is {@linkplain Loss#separableOverTexts() separable over texts}, evaluated at
 * execution level on chunks of {@code c} text slots (SPEC §2.4).
 *
 * <p>The loss is built once into a small graph of its own whose inputs are variables (clip
 * embeddings {@code [B, F, D]}, {@code [B, D]}; the chunk's text embeddings {@code [c, D]},
 * scale and bias {@code [c]}) and placeholders (the chunk's labels {@code [B, F, c]}, masks,
 * ownership). For each chunk the variables take the chunk's arrays, and SameDiff returns its
 * terms and the gradients with respect to those inputs. With {@code n_c} real texts in chunk
 * {@code c} and {@code n} in all, terms and gradients are accumulated with weight
 * {@code n_c / n}, which the separability contract makes exact. The last chunk is padded with
 * masked slots. Peak memory of the loss is therefore that of a few chunks (each chunk's
 * gradients and padded inputs are closed at once; SameDiff's intermediates wait for a garbage
 * collection, forced every {@value #COLLECT_EVERY_CHUNKS} chunks), plus the {@code [K, D]}
 * gradient accumulators the text embeddings need anyway.
 */
final class ChunkedLoss {

    private final GraphBackend backend;
    private final Loss loss;
    private final int chunk;
    private final DataType dataType;
    /** Chunks between garbage collections (see {@link #accumulate}). */
    static final int COLLECT_EVERY_CHUNKS = 4;

    private SameDiff sd;
    private boolean frameWise;
    private int chunksSinceCollection;
    private FirstGradient firstGradient;
    private long[] builtFor;
    private List<String> terms;
    private List<String> termVariables;
    private List<String> inputs;

    ChunkedLoss(GraphBackend backend, Loss loss, int chunk, DataType dataType) {
        this.backend = backend;
        this.loss = loss;
        this.chunk = chunk;
        this.dataType = dataType;
    }

    /** Builds the chunk graph for clips {@code [B, F, D]}; variables start as zeros. */
    private void build(long b, long f, long d) {
        sd = backend.newGraph();
        SDVariable a = sd.var("a", dataType, b, f, d);
        SDVariable g = sd.var("g", dataType, b, d);
        SDVariable e = sd.var("e", dataType, chunk, d);
        SDVariable s = sd.var("s", dataType, chunk);
        SDVariable bias = sd.var("b", dataType, chunk);
        SDVariable labels = sd.placeHolder(Batch.FRAME_LABELS, dataType, b, f, chunk);
        // Frame-wise losses see only clips with frame labels (LossInputs#clipMask).
        frameWise = loss.inputs().contains(Input.FRAME_LABELS);
        SDVariable clipMask = sd.placeHolder(Batch.CLIP_MASK, dataType, b);
        SDVariable textMask = sd.placeHolder(Batch.TEXT_MASK, dataType, chunk);
        SDVariable ownership = sd.placeHolder(Batch.OWNERSHIP, dataType, b, chunk);
        LossInputs in = new LossInputs(a, g, e, s, bias, labels, clipMask, textMask, ownership);
        Map<String, SDVariable> t = loss.build(sd, in);
        terms = new ArrayList<>(t.keySet());
        termVariables = new ArrayList<>();
        for (SDVariable v : t.values()) {
            termVariables.add(v.name());
        }
        SDVariable total = null;
        for (SDVariable v : t.values()) {
            total = total == null ? v : total.add(v);
        }
        sd.identity("chunk_total", total);
        sd.setLossVariables("chunk_total");
        inputs = new ArrayList<>();
        Map<Input, String> var = Map.of(Input.FRAME_EMBEDDINGS, "a", Input.GLOBAL_EMBEDDINGS, "g",
                Input.TEXT_EMBEDDINGS, "e", Input.LOGIT_SCALE, "s", Input.LOGIT_BIAS, "b");
        for (Input i : Input.values()) {
            if (var.containsKey(i) && loss.inputs().contains(i)) {
                inputs.add(var.get(i));
            }
        }
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && !List.of("a", "g", "e", "s", "b").contains(v.name())) {
                throw new IllegalArgumentException("loss " + loss.getClass().getName() + " has the learnable variable "
                        + v.name() + "; a chunked loss must have none (set textChunkSize 0)");
            }
        }
        builtFor = new long[] {b, f, d};
        firstGradient = new FirstGradient();
    }

    /**
     * Adds this loss's gradients to {@code upstream} (output name to accumulator) and returns
     * its terms.
     *
     * @param forward the model's outputs for the batch
     * @param feeds   the batch's placeholders ({@link Batch#feeds()})
     */
    Map<String, Double> accumulate(Map<String, INDArray> forward, Map<String, INDArray> feeds,
            Map<String, INDArray> upstream) {
        INDArray a = forward.get(ModelDescription.FRAME_EMBEDDINGS);
        long b = a.size(0);
        long f = a.size(1);
        long d = a.size(2);
        if (sd == null || builtFor[0] != b || builtFor[1] != f || builtFor[2] != d) {
            build(b, f, d);
        }
        INDArray e = forward.get(ModelDescription.TEXT_EMBEDDINGS);
        INDArray s = forward.get(ModelDescription.LOGIT_SCALE);
        INDArray bias = forward.get(ModelDescription.LOGIT_BIAS);
        INDArray textMask = feeds.get(Batch.TEXT_MASK);
        INDArray labels = feeds.get(Batch.FRAME_LABELS);
        INDArray ownership = feeds.get(Batch.OWNERSHIP);
        long k = e.size(0);
        double n = textMask.sumNumber().doubleValue();
        Map<String, Double> values = new LinkedHashMap<>();
        for (String t : terms) {
            values.put(t, 0.0);
        }
        if (n == 0) {
            return values;
        }
        sd.getVariable("a").setArray(a.castTo(dataType));
        sd.getVariable("g").setArray(forward.get(ModelDescription.GLOBAL_EMBEDDINGS).castTo(dataType));
        for (long k0 = 0; k0 < k; k0 += chunk) {
            long k1 = Math.min(k, k0 + chunk);
            int width = (int) (k1 - k0);
            INDArray mask = pad(textMask.get(NDArrayIndex.interval(k0, k1)), 0, chunk);
            double nc = mask.sumNumber().doubleValue();
            if (nc == 0) {
                continue;
            }
            double w = nc / n;
            sd.getVariable("e").setArray(pad(e.get(NDArrayIndex.interval(k0, k1), NDArrayIndex.all()), 0, chunk));
            sd.getVariable("s").setArray(pad(s.get(NDArrayIndex.interval(k0, k1)), 0, chunk));
            sd.getVariable("b").setArray(pad(bias.get(NDArrayIndex.interval(k0, k1)), 0, chunk));
            Map<String, INDArray> ph = new HashMap<>();
            ph.put(Batch.FRAME_LABELS, pad(labels.get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(k0, k1)), 2, chunk));
            ph.put(Batch.CLIP_MASK, feeds.get(frameWise ? Batch.LABELLED_MASK : Batch.CLIP_MASK).castTo(dataType));
            ph.put(Batch.TEXT_MASK, mask);
            ph.put(Batch.OWNERSHIP, pad(ownership.get(NDArrayIndex.all(), NDArrayIndex.interval(k0, k1)), 1, chunk));
            OutAndGrad og = firstGradient.run(() -> sd.calculateGradientsAndOutputs(ph, termVariables, inputs));
            for (int i = 0; i < terms.size(); i++) {
                values.merge(terms.get(i), w * og.getOutputs().get(termVariables.get(i)).getDouble(0), Double::sum);
            }
            for (String v : inputs) {
                INDArray raw = og.getGradients().get(v);
                if (raw == null) {
                    continue;
                }
                INDArray grad = raw.mul(w);
                switch (v) {
                    case "a" -> upstream.get(ModelDescription.FRAME_EMBEDDINGS).addi(grad);
                    case "g" -> upstream.get(ModelDescription.GLOBAL_EMBEDDINGS).addi(grad);
                    case "e" -> upstream.get(ModelDescription.TEXT_EMBEDDINGS)
                            .get(NDArrayIndex.interval(k0, k1), NDArrayIndex.all())
                            .addi(grad.get(NDArrayIndex.interval(0, width), NDArrayIndex.all()));
                    case "s" -> upstream.get(ModelDescription.LOGIT_SCALE).get(NDArrayIndex.interval(k0, k1))
                            .addi(grad.get(NDArrayIndex.interval(0, width)));
                    case "b" -> upstream.get(ModelDescription.LOGIT_BIAS).get(NDArrayIndex.interval(k0, k1))
                            .addi(grad.get(NDArrayIndex.interval(0, width)));
                    default -> throw new IllegalStateException(v);
                }
                grad.close();
            }
            // Free this chunk's native memory now rather than when the garbage collector gets
            // to it: otherwise every chunk's arrays stay resident until the next collection and
            // peak memory grows with the number of chunks (bench/frame-loss-memory.sh).
            closeAll(og.getGradients().values());
            // SameDiff's intermediates of a chunk (activations and their gradients) are freed
            // only when the collector finds them; collecting every few chunks bounds the peak
            // by a few chunks' worth instead of letting it grow with K.
            if (++chunksSinceCollection >= COLLECT_EVERY_CHUNKS) {
                System.gc();
                chunksSinceCollection = 0;
            }
            // The padded slices are ours; the clip mask may be the caller's own array.
            closeAll(List.of(ph.get(Batch.FRAME_LABELS), ph.get(Batch.TEXT_MASK), ph.get(Batch.OWNERSHIP)));
        }
        return values;
    }

    private static void closeAll(java.util.Collection<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /** {@code x} zero-padded along {@code axis} to {@code size}, as a new array of the loss's type. */
    private INDArray pad(INDArray x, int axis, int size) {
        long[] shape = x.shape().clone();
        INDArray out = Nd4j.zeros(dataType, expand(shape, axis, size));
        org.nd4j.linalg.indexing.INDArrayIndex[] index = new org.nd4j.linalg.indexing.INDArrayIndex[shape.length];
        for (int i = 0; i < shape.length; i++) {
            index[i] = i == axis ? NDArrayIndex.interval(0, shape[i]) : NDArrayIndex.all();
        }
        out.get(index).assign(x.castTo(dataType));
        return out;
    }

    private static long[] expand(long[] shape, int axis, int size) {
        long[] s = shape.clone();
        s[axis] = size;
        return s;
    }
}
