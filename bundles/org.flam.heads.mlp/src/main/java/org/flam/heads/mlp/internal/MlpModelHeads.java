package org.flam.heads.mlp.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.flam.api.FlamProperties;
import org.flam.api.graph.GraphOps;
import org.flam.api.graph.HeadOutputs;
import org.flam.api.graph.ModelHeads;
import org.flam.api.graph.SeededInit;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The heads of SPEC §1 as {@link ModelHeads#build} describes them.
 *
 * <ul>
 * <li>{@code MLP_a}: {@code heads/audio/fc1} {@code [H, D]} - ReLU - {@code heads/audio/fc2}
 *     {@code [D, D]}; frame embeddings project every frame, the global embedding projects the
 *     mean over frames; both L2-normalised.</li>
 * <li>{@code MLP_t}: {@code heads/text/fc1} {@code [Ht, D]} - ReLU - {@code heads/text/fc2}, L2-normalised.</li>
 * <li>{@code MLP_b}: {@code heads/bias/fc1} {@code [Ht, Ht]} - GELU - {@code heads/bias/fc2}
 *     {@code [Ht, 1]}, last bias -8; {@code MLP_s} the same under {@code heads/scale}, last bias
 *     {@code ln 10}, output {@code exp(.)}. Both squeezed to {@code [K]}.</li>
 * </ul>
 *
 * <p>GELU is the tanh form {@code 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))} built from
 * primitive ops: SameDiff 1.0.0-M2.1's {@code gelu} is the sigmoid approximation
 * {@code x σ(1.702 x)} and its {@code preciseGelu} gave 0.8314 at 1 (exact GELU: 0.8413).
 *
 * <p>Weights {@code W} are stored {@code [in, out]} and applied as {@code x W + b}; initialised
 * as PyTorch's {@code nn.Linear} ({@code U(-1/√in, 1/√in)} for weights and biases) from
 * {@code java.util.Random} seeded by the configured seed and the variable's name, except the
 * two last biases. Sizes come from the configuration and are checked against the inputs'
 * static shapes where those are known; {@code B}, {@code F} and {@code K} may be dynamic.
 * Variables take the frame features' data type.
 */
@Component(service = ModelHeads.class, configurationPid = MlpModelHeads.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = FlamProperties.NAME + "=" + MlpModelHeads.NAME)
@Designate(ocd = MlpModelHeadsConfiguration.class)
public final class MlpModelHeads implements ModelHeads {

    static final String PID = "org.flam.heads.mlp";
    /** {@code flam.name} of these heads. */
    public static final String NAME = "mlp";
    static final int DEFAULT_EMBEDDING_SIZE = 256;
    static final int DEFAULT_AUDIO_FEATURE_SIZE = 256;
    static final int DEFAULT_TEXT_FEATURE_SIZE = 384;

    /** Output names. */
    public static final String FRAME_EMBEDDINGS = SCOPE + "/frame_embeddings";
    public static final String GLOBAL_EMBEDDINGS = SCOPE + "/global_embeddings";
    public static final String TEXT_EMBEDDINGS = SCOPE + "/text_embeddings";
    public static final String LOGIT_SCALE = SCOPE + "/logit_scale";
    public static final String LOGIT_BIAS = SCOPE + "/logit_bias";

    private static final double GELU_C = Math.sqrt(2.0 / Math.PI);

    private final int embeddingSize;
    private final int audioFeatureSize;
    private final int textFeatureSize;
    private final long seed;

    @Activate
    public MlpModelHeads(MlpModelHeadsConfiguration c) {
        this(c.embeddingSize(), c.audioFeatureSize(), c.textFeatureSize(), c.seed());
    }

    MlpModelHeads(int embeddingSize, int audioFeatureSize, int textFeatureSize, long seed) {
        if (embeddingSize <= 0 || audioFeatureSize <= 0 || textFeatureSize <= 0) {
            throw new IllegalArgumentException("embeddingSize, audioFeatureSize and textFeatureSize must be > 0, got "
                    + embeddingSize + ", " + audioFeatureSize + ", " + textFeatureSize);
        }
        this.embeddingSize = embeddingSize;
        this.audioFeatureSize = audioFeatureSize;
        this.textFeatureSize = textFeatureSize;
        this.seed = seed;
    }

    /** The same heads with another initialisation seed (for a trainer that owns the seed). */
    public MlpModelHeads withSeed(long newSeed) {
        return new MlpModelHeads(embeddingSize, audioFeatureSize, textFeatureSize, newSeed);
    }

    /** The initialisation seed. */
    public long seed() {
        return seed;
    }

    @Override
    public int embeddingSize() {
        return embeddingSize;
    }

    int audioFeatureSize() {
        return audioFeatureSize;
    }

    int textFeatureSize() {
        return textFeatureSize;
    }

    /** Number of trainable parameters. */
    long parameterCount() {
        long d = embeddingSize;
        long h = audioFeatureSize;
        long t = textFeatureSize;
        return (h * d + d + d * d + d) + (t * d + d + d * d + d) + 2 * (t * t + t + t + 1);
    }

    @Override
    public HeadOutputs build(SameDiff sd, SDVariable frameFeatures, SDVariable textFeatures) {
        check(frameFeatures, 3, audioFeatureSize, "frameFeatures [B, F, H]");
        check(textFeatures, 2, textFeatureSize, "textFeatures [K, Ht]");
        DataType type = frameFeatures.dataType();
        int d = embeddingSize;
        int h = audioFeatureSize;
        int t = textFeatureSize;
        SDVariable text = textFeatures.dataType() == type ? textFeatures : textFeatures.castTo(type);
        try (NameScope scope = sd.withNameScope(SCOPE)) {
            Linear a1 = linear(sd, type, "audio/fc1", h, d);
            Linear a2 = linear(sd, type, "audio/fc2", d, d);
            Linear t1 = linear(sd, type, "text/fc1", t, d);
            Linear t2 = linear(sd, type, "text/fc2", d, d);
            Linear b1 = linear(sd, type, "bias/fc1", t, t);
            Linear b2 = linear(sd, type, "bias/fc2", t, 1, BIAS_INIT);
            Linear s1 = linear(sd, type, "scale/fc1", t, t);
            Linear s2 = linear(sd, type, "scale/fc2", t, 1, LOG_SCALE_INIT);

            // frames: [B, F, H] -> [B*F, H] -> [B*F, D] -> [B, F, D]
            SDVariable flat = frameFeatures.reshape(-1, h);
            SDVariable projected = a2.apply(GraphOps.relu(a1.apply(flat)));
            SDVariable frames = normalize(sd, projected);
            long[] shape = frameFeatures.getShape();
            SDVariable frameEmb;
            if (shape != null && shape[1] >= 0) {
                frameEmb = sd.reshape(FRAME_EMBEDDINGS, frames, -1, shape[1], d);
            } else {
                SDVariable bf = sd.shape(frameFeatures).get(SDIndex.interval(0, 2));
                SDVariable newShape = sd.concat(0, bf, sd.constant(Nd4j.createFromArray((long) d).castTo(bf.dataType())));
                frameEmb = sd.reshape(FRAME_EMBEDDINGS, frames, newShape);
            }
            // global: mean over frames before the projection
            SDVariable mean = frameFeatures.mean(1);
            SDVariable global = sd.identity(GLOBAL_EMBEDDINGS,
                    normalize(sd, a2.apply(GraphOps.relu(a1.apply(mean)))));
            SDVariable textEmb = sd.identity(TEXT_EMBEDDINGS,
                    normalize(sd, t2.apply(GraphOps.relu(t1.apply(text)))));
            SDVariable bias = sd.reshape(LOGIT_BIAS, b2.apply(gelu(b1.apply(text))), -1);
            SDVariable scale = sd.math.exp(LOGIT_SCALE, s2.apply(gelu(s1.apply(text))).reshape(-1));
            return new HeadOutputs(frameEmb, global, textEmb, scale, bias);
        }
    }

    private static void check(SDVariable v, int rank, int last, String what) {
        long[] shape = v.getShape();
        if (shape == null) {
            return;
        }
        if (shape.length != rank || (shape[rank - 1] >= 0 && shape[rank - 1] != last)) {
            throw new IllegalArgumentException(what + " expected with last axis " + last + ", got "
                    + java.util.Arrays.toString(shape));
        }
    }

    /** {@code x / sqrt(Σ x² + 1e-12)} over the last axis. */
    private static SDVariable normalize(SameDiff sd, SDVariable x) {
        int last = x.getShape() == null ? 1 : x.getShape().length - 1;
        SDVariable norm = sd.math.sqrt(x.mul(x).sum(true, last).add(1e-12));
        return x.div(norm);
    }

    /** GELU, tanh form, from primitive ops (differentiable everywhere). */
    static SDVariable gelu(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        SDVariable inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(GELU_C);
        return x.mul(sd.math.tanh(inner).add(1.0)).mul(0.5);
    }

    private record Linear(SDVariable w, SDVariable b) {
        SDVariable apply(SDVariable x) {
            return x.mmul(w).add(b);
        }
    }

    private Linear linear(SameDiff sd, DataType type, String name, int in, int out) {
        return linear(sd, type, name, in, out, Double.NaN);
    }

    /** Linear layer {@code heads/<name>/W [in, out]}, {@code heads/<name>/b [out]}; bias fixed if not NaN. */
    private Linear linear(SameDiff sd, DataType type, String name, int in, int out, double biasInit) {
        double bound = 1.0 / Math.sqrt(in);
        String w = SCOPE + "/" + name + "/W";
        String b = SCOPE + "/" + name + "/b";
        SDVariable wv = sd.var(w, uniform(w, bound, type, in, out));
        SDVariable bv = sd.var(b, Double.isNaN(biasInit) ? uniform(b, bound, type, out)
                : Nd4j.valueArrayOf(new long[] {out}, biasInit, type));
        return new Linear(wv, bv);
    }

    private INDArray uniform(String name, double bound, DataType type, long... shape) {
        return SeededInit.uniform(seed, name, bound, type, shape);
    }

    /** Names of the trainable variables. */
    static List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (String layer : new String[] {"audio/fc1", "audio/fc2", "text/fc1", "text/fc2", "bias/fc1", "bias/fc2",
                "scale/fc1", "scale/fc2"}) {
            names.add(SCOPE + "/" + layer + "/W");
            names.add(SCOPE + "/" + layer + "/b");
        }
        return Collections.unmodifiableList(names);
    }
}
