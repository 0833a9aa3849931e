package org.flam.train.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.flam.api.graph.testing.ArrayExport;
import org.flam.api.graph.testing.WorkerProtocol;
import org.flam.api.graph.AudioEncoder;
import org.flam.api.graph.AudioEncoderSpec;
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
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J side of figures (a) and (b) of {@code bench/side-by-side.sh}, as a worker that the
 * script's driver steers line by line on standard input, so that ND4J and PyTorch take turns
 * (A B A B) under the same background load.
 *
 * <p>(a) the whole training step of {@link TrainStepBench} (default cnn encoder, mlp heads,
 * InfoNCE + 200 L_SED + L_prior, the trainer's {@link Adam}; B = 16, K = 80 text slots of 384
 * features, its seeded batch); (b) the encoder alone ({@code mean((g_a(x) - y)^2)} against a
 * seeded target, same log-mel batch, gradients by {@code calculateGradients}, the same Adam).
 *
 * <p>Commands, one per line; each answer is one line {@code @@ JSON} on standard output (other
 * output, SameDiff's included, is ignored by the driver):
 * <ul>
 * <li>{@code export} writes to {@code DIR/train} ({@link ArrayExport}) the initial weights of
 *     both graphs, the batch and the target, the loss terms, per-parameter gradient norms and
 *     forward outputs at those weights, then takes one Adam step (t = 1) and writes the updated
 *     weights as {@code after/NAME}: the PyTorch transcription checks itself against them.</li>
 * <li>{@code a N}, {@code b N}: N timed steps of (a) or (b); answers {@code {"ms": [...]}}.</li>
 * <li>{@code quit}.</li>
 * </ul>
 *
 * <p>Usage: {@code SideBySideTrain DIR}. A benchmark helper, not product code.
 */
public final class SideBySideTrain {

    static final int BATCH = 16;
    static final int TEXT_SLOTS = 80;
    static final int TEXT_DIM = 384;
    static final double RATE = 1e-4;
    private static final String TARGET = "target";
    private static final String MSE = "mse";
    private static final String[] OUTPUTS = {ModelDescription.FRAME_EMBEDDINGS, ModelDescription.GLOBAL_EMBEDDINGS,
        ModelDescription.TEXT_EMBEDDINGS, ModelDescription.LOGIT_SCALE, ModelDescription.LOGIT_BIAS};

    private final TrainingGraph full;
    private final Map<String, INDArray> feeds;
    private final Map<String, INDArray> fullParams;
    private final Adam fullAdam = new Adam(0.9, 0.999, 1e-8, 0, 5);
    private long fullStep = 1;

    private final SameDiff encoderGraph;
    private final Map<String, INDArray> encoderFeeds = new HashMap<>();
    private final Map<String, INDArray> encoderParams = new LinkedHashMap<>();
    private final List<String> encoderParamNames = new ArrayList<>();
    private final Adam encoderAdam = new Adam(0.9, 0.999, 1e-8, 0, 5);
    private final FirstGradient encoderFirst = new FirstGradient();
    private long encoderStep = 1;
    private final AudioEncoderSpec spec;

    private SideBySideTrain() {
        AudioEncoder encoder = new ConvAudioEncoder(ComponentConfigs.of(ConvAudioEncoderConfiguration.class, Map.of()));
        ModelHeads heads = new MlpModelHeads(ComponentConfigs.of(MlpModelHeadsConfiguration.class, Map.of()));
        List<Loss> losses = List.of(SoftmaxLossAccess.create(), FrameWiseLogitAdjustedLossAccess.create(200));
        spec = encoder.spec();
        full = TrainingGraph.build(new PlainGraphBackend(), encoder, heads, losses, TEXT_SLOTS, TEXT_DIM, 0,
                DataType.FLOAT);
        feeds = TrainStepBench.feeds(BATCH, TEXT_SLOTS, 1);
        fullParams = full.parameterArrays();

        encoderGraph = new PlainGraphBackend().newGraph();
        SDVariable in = encoderGraph.placeHolder(ModelDescription.LOG_MEL, DataType.FLOAT, -1, spec.mels(),
                spec.melFrames());
        SDVariable target = encoderGraph.placeHolder(TARGET, DataType.FLOAT, -1, spec.framesPerClip(),
                spec.featureSize());
        SDVariable diff = encoder.build(encoderGraph, in).sub(target);
        encoderGraph.identity(MSE, diff.mul(diff).mean());
        encoderGraph.setLossVariables(MSE);
        for (SDVariable v : encoderGraph.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                encoderParamNames.add(v.name());
                encoderParams.put(v.name(), encoderGraph.getArrForVarName(v.name()));
            }
        }
        SplittableRandom r = new SplittableRandom(2);
        float[] y = new float[BATCH * spec.framesPerClip() * spec.featureSize()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) r.nextGaussian();
        }
        encoderFeeds.put(ModelDescription.LOG_MEL, feeds.get(ModelDescription.LOG_MEL));
        encoderFeeds.put(TARGET, Nd4j.create(y, new long[] {BATCH, spec.framesPerClip(), spec.featureSize()},
                DataType.FLOAT));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        WorkerProtocol protocol = new WorkerProtocol();
        SideBySideTrain w = new SideBySideTrain();
        protocol.answer(Map.of("ready", true,
                "parameters", w.fullParams.values().stream().mapToLong(INDArray::length).sum(),
                "encoder_parameters", w.encoderParams.values().stream().mapToLong(INDArray::length).sum()));
        protocol.serve(Map.of(
                "export", a -> w.export(dir.resolve("train")),
                "a", a -> Map.of("ms", w.timeFull(Integer.parseInt(a[0]))),
                "b", a -> Map.of("ms", w.timeEncoder(Integer.parseInt(a[0])))));
    }

    private Map<String, Object> export(Path dir) throws Exception {
        ArrayExport x = new ArrayExport(dir);
        for (Map.Entry<String, INDArray> p : fullParams.entrySet()) {
            x.put("param/" + p.getKey(), p.getValue());
        }
        for (Map.Entry<String, INDArray> p : encoderParams.entrySet()) {
            x.put("encoder_param/" + p.getKey(), p.getValue());
        }
        for (Map.Entry<String, INDArray> f : feeds.entrySet()) {
            x.put("feed/" + f.getKey(), f.getValue());
        }
        x.put("feed/" + TARGET, encoderFeeds.get(TARGET));

        // (a) at the initial weights: outputs, terms, gradient norms; then one Adam step
        Map<String, INDArray> out = full.graph().output(feeds, OUTPUTS);
        for (String o : OUTPUTS) {
            x.put("out/" + o, out.get(o));
        }
        TrainingGraph.Step s = full.step(feeds);
        Map<String, Object> norms = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> g : s.gradients().entrySet()) {
            norms.put(g.getKey(), g.getValue().norm2Number().doubleValue());
        }
        double globalNorm = fullAdam.update(fullStep++, RATE, fullParams, s.gradients());
        s.gradients().values().forEach(INDArray::close);
        for (Map.Entry<String, INDArray> p : fullParams.entrySet()) {
            x.put("after/" + p.getKey(), p.getValue());
        }

        // (b) at the initial weights
        OutAndGrad og = encoderFirst.run(() -> encoderGraph.calculateGradientsAndOutputs(encoderFeeds,
                List.of(MSE, ConvAudioEncoder.OUTPUT), encoderParamNames));
        x.put("encoder_out/" + ConvAudioEncoder.OUTPUT, og.getOutputs().get(ConvAudioEncoder.OUTPUT));
        double mse = og.getOutputs().get(MSE).getDouble(0);
        Map<String, Object> encoderNorms = new LinkedHashMap<>();
        for (String p : encoderParamNames) {
            encoderNorms.put(p, og.getGradients().get(p).norm2Number().doubleValue());
        }
        double encoderGlobal = encoderAdam.update(encoderStep++, RATE, encoderParams, og.getGradients());
        og.getGradients().values().forEach(INDArray::close);
        for (Map.Entry<String, INDArray> p : encoderParams.entrySet()) {
            x.put("encoder_after/" + p.getKey(), p.getValue());
        }

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("spec", specMap(spec));
        meta.put("terms", new LinkedHashMap<>(s.terms()));
        meta.put("grad_norms", norms);
        meta.put("global_grad_norm", globalNorm);
        meta.put("encoder_mse", mse);
        meta.put("encoder_grad_norms", encoderNorms);
        meta.put("encoder_global_grad_norm", encoderGlobal);
        meta.put("adam", Map.of("beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8, "weight_decay", 0.0,
                "max_gradient_norm", 5.0, "rate", RATE));
        meta.put("lambda_sed", 200.0);
        meta.put("outputs", List.of(OUTPUTS));
        x.finish(meta);
        return Map.of("exported", dir.toString(), "terms", new LinkedHashMap<>(s.terms()));
    }

    static Map<String, Object> specMap(AudioEncoderSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sampleRate", spec.sampleRate());
        m.put("window", spec.window());
        m.put("hop", spec.hop());
        m.put("mels", spec.mels());
        m.put("fminHz", spec.fminHz());
        m.put("fmaxHz", spec.fmaxHz());
        m.put("clipSeconds", spec.clipSeconds());
        m.put("framesPerClip", spec.framesPerClip());
        m.put("featureSize", spec.featureSize());
        m.put("melFrames", spec.melFrames());
        m.put("samplesPerClip", spec.samplesPerClip());
        return m;
    }

    private double[] timeFull(int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            TrainingGraph.Step s = full.step(feeds);
            fullAdam.update(fullStep++, RATE, fullParams, s.gradients());
            ms[i] = (System.nanoTime() - t0) / 1e6;
            s.gradients().values().forEach(INDArray::close);
        }
        return ms;
    }

    private double[] timeEncoder(int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            OutAndGrad og = encoderFirst.run(() -> encoderGraph.calculateGradientsAndOutputs(encoderFeeds,
                    List.of(MSE), encoderParamNames));
            encoderAdam.update(encoderStep++, RATE, encoderParams, og.getGradients());
            ms[i] = (System.nanoTime() - t0) / 1e6;
            og.getGradients().values().forEach(INDArray::close);
            og.getOutputs().values().forEach(INDArray::close);
        }
        return ms;
    }
}
