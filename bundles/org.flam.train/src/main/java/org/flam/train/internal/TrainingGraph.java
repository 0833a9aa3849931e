package org.flam.train.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flam.api.graph.AudioEncoder;
import org.flam.api.graph.GraphBackend;
import org.flam.api.graph.HeadOutputs;
import org.flam.api.graph.Loss;
import org.flam.api.graph.LossInputs;
import org.flam.api.graph.ModelHeads;
import org.flam.model.ModelDescription;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model and its losses as one SameDiff graph, and one training step's loss terms and
 * gradients.
 *
 * <p>Placeholders: the batch's inputs ({@link Batch#feeds()}); the model's outputs are
 * identities named as {@link ModelDescription} says, so the saved graph serves inference
 * directly (only {@code log_mel} and {@code text_features} are needed for them, with any
 * number of windows and texts).
 *
 * <p>With a text chunk size, losses that are {@linkplain Loss#separableOverTexts() separable
 * over texts} run outside the graph in a {@link ChunkedLoss}: a forward pass gives the
 * embeddings, scale and bias; the chunked loss returns its terms and the gradients
 * {@code G} with respect to them; the model graph then back-propagates the surrogate
 * {@code Σ G ⊙ output} (whose gradient with respect to every parameter is the chain rule
 * through those outputs) together with the in-graph terms. Two forward passes of the model
 * instead of one; in return the frame-wise loss never holds more than a chunk's
 * {@code [B, F, chunk]} logits.
 */
final class TrainingGraph {

    static final String TOTAL = "total_loss";
    private static final String[] OUTPUTS = {ModelDescription.FRAME_EMBEDDINGS,
        ModelDescription.GLOBAL_EMBEDDINGS, ModelDescription.TEXT_EMBEDDINGS, ModelDescription.LOGIT_SCALE,
        ModelDescription.LOGIT_BIAS};
    private static final String GRADIENT_PREFIX = "upstream_gradient_";
    private static final Map<String, Integer> RANKS = Map.of(ModelDescription.FRAME_EMBEDDINGS, 3,
            ModelDescription.GLOBAL_EMBEDDINGS, 2, ModelDescription.TEXT_EMBEDDINGS, 2,
            ModelDescription.LOGIT_SCALE, 1, ModelDescription.LOGIT_BIAS, 1);

    private final SameDiff sd;
    private final List<String> parameters;
    private final List<String> terms;
    private final List<ChunkedLoss> chunked;
    private final int textSlots;
    private final FirstGradient firstGradient = new FirstGradient();

    /** Step output: loss terms by name (weighted), gradients by parameter name. */
    record Step(Map<String, Double> terms, Map<String, INDArray> gradients) {
    }

    private TrainingGraph(SameDiff sd, List<String> parameters, List<String> terms, List<ChunkedLoss> chunked,
            int textSlots) {
        this.sd = sd;
        this.parameters = parameters;
        this.terms = terms;
        this.chunked = chunked;
        this.textSlots = textSlots;
    }

    /**
     * Builds the graph.
     *
     * @param textSlots   {@code K}, static (the frame-wise loss chunks over it)
     * @param textDim     text feature size {@code H_t}
     * @param chunkSize   0 for every loss in the graph, else texts per execution-level chunk
     * @param dataType    FLOAT for training; DOUBLE in gradient tests
     */
    static TrainingGraph build(GraphBackend backend, AudioEncoder encoder, ModelHeads heads, List<Loss> losses,
            int textSlots, int textDim, int chunkSize, DataType dataType) {
        SameDiff sd = backend.newGraph();
        int mels = encoder.spec().mels();
        int time = encoder.spec().melFrames();
        int frames = encoder.spec().framesPerClip();
        SDVariable logMel = sd.placeHolder(ModelDescription.LOG_MEL, dataType, -1, mels, time);
        SDVariable text = sd.placeHolder(ModelDescription.TEXT_FEATURES, dataType, -1, textDim);
        SDVariable h = encoder.build(sd, logMel);
        HeadOutputs raw = heads.build(sd, h, text);
        HeadOutputs out = new HeadOutputs(
                sd.identity(ModelDescription.FRAME_EMBEDDINGS, raw.frameEmbeddings()),
                sd.identity(ModelDescription.GLOBAL_EMBEDDINGS, raw.globalEmbeddings()),
                sd.identity(ModelDescription.TEXT_EMBEDDINGS, raw.textEmbeddings()),
                sd.identity(ModelDescription.LOGIT_SCALE, raw.logitScale()),
                sd.identity(ModelDescription.LOGIT_BIAS, raw.logitBias()));
        SDVariable labels = sd.placeHolder(Batch.FRAME_LABELS, dataType, -1, frames, textSlots);
        SDVariable clipMask = sd.placeHolder(Batch.CLIP_MASK, dataType, -1);
        SDVariable labelled = sd.placeHolder(Batch.LABELLED_MASK, dataType, -1);
        SDVariable textMask = sd.placeHolder(Batch.TEXT_MASK, dataType, textSlots);
        SDVariable ownership = sd.placeHolder(Batch.OWNERSHIP, dataType, -1, textSlots);

        Map<String, SDVariable> termVars = new LinkedHashMap<>();
        List<ChunkedLoss> chunked = new ArrayList<>();
        for (Loss loss : losses) {
            if (chunkSize > 0 && chunkSize < textSlots && loss.separableOverTexts()) {
                chunked.add(new ChunkedLoss(backend, loss, chunkSize, dataType));
                continue;
            }
            boolean frameWise = loss.inputs().contains(LossInputs.Input.FRAME_LABELS);
            LossInputs in = LossInputs.of(out, labels, frameWise ? labelled : clipMask, textMask, ownership);
            for (Map.Entry<String, SDVariable> t : loss.build(sd, in).entrySet()) {
                if (termVars.put(t.getKey(), t.getValue()) != null) {
                    throw new IllegalArgumentException("two losses return the term '" + t.getKey()
                            + "'; term names must be distinct");
                }
            }
        }
        SDVariable total = null;
        for (SDVariable t : termVars.values()) {
            total = total == null ? t : total.add(t);
        }
        if (!chunked.isEmpty()) {
            SDVariable surrogate = null;
            for (String name : OUTPUTS) {
                SDVariable v = sd.getVariable(name);
                long[] shape = new long[RANKS.get(name)];
                java.util.Arrays.fill(shape, -1);
                SDVariable g = sd.placeHolder(GRADIENT_PREFIX + name, dataType, shape);
                SDVariable part = v.mul(g).sum();
                surrogate = surrogate == null ? part : surrogate.add(part);
            }
            total = total == null ? surrogate : total.add(surrogate);
        }
        if (total == null) {
            throw new IllegalArgumentException("no loss term: configure at least one loss");
        }
        sd.identity(TOTAL, total);
        sd.setLossVariables(TOTAL);
        List<String> parameters = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                parameters.add(v.name());
            }
        }
        List<String> terms = new ArrayList<>(termVars.keySet());
        for (Map.Entry<String, SDVariable> t : termVars.entrySet()) {
            // Name each term after itself, so outputs can be asked for by term name.
            if (!t.getValue().name().equals(t.getKey())) {
                sd.identity("term_" + t.getKey(), t.getValue());
            }
        }
        return new TrainingGraph(sd, parameters, terms, chunked, textSlots);
    }

    SameDiff graph() {
        return sd;
    }

    List<String> parameters() {
        return parameters;
    }

    /** Name to the parameter's array (the live array: updates change the graph). */
    Map<String, INDArray> parameterArrays() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String p : parameters) {
            m.put(p, sd.getArrForVarName(p));
        }
        return m;
    }

    /** Loss terms and gradients of every parameter for one batch. */
    Step step(Map<String, INDArray> feeds) {
        Map<String, INDArray> in = new HashMap<>(feeds);
        Map<String, Double> values = new LinkedHashMap<>();
        if (!chunked.isEmpty()) {
            Map<String, INDArray> forward = sd.output(feeds, OUTPUTS);
            Map<String, INDArray> upstream = new HashMap<>();
            for (String name : OUTPUTS) {
                upstream.put(name, org.nd4j.linalg.factory.Nd4j.zerosLike(forward.get(name)));
            }
            for (ChunkedLoss loss : chunked) {
                values.putAll(loss.accumulate(forward, feeds, upstream));
            }
            upstream.forEach((name, g) -> in.put(GRADIENT_PREFIX + name, g));
        }
        List<String> outputs = new ArrayList<>();
        for (String t : terms) {
            outputs.add(sd.hasVariable("term_" + t) ? "term_" + t : t);
        }
        OutAndGrad og = firstGradient.run(() -> sd.calculateGradientsAndOutputs(in, outputs, parameters));
        for (int i = 0; i < terms.size(); i++) {
            values.put(terms.get(i), og.getOutputs().get(outputs.get(i)).getDouble(0));
        }
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        for (String p : parameters) {
            INDArray g = og.getGradients().get(p);
            if (g != null) {
                gradients.put(p, g);
            }
        }
        return new Step(values, gradients);
    }

    int textSlots() {
        return textSlots;
    }
}
