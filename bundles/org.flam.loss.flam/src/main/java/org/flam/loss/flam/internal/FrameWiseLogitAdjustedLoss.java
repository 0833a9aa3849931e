package org.flam.loss.flam.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flam.api.FlamProperties;
import org.flam.api.graph.GraphOps;
import org.flam.api.graph.Loss;
import org.flam.api.graph.LossInputs;
import org.flam.api.graph.LossInputs.Input;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The FLAM frame-wise, logit-adjusted loss with its prior loss (SPEC §2.3, paper Eq. 4-5, 10).
 *
 * <p>Shapes: {@code B} clip slots, {@code F} frames, {@code K} text slots (the deduplicated
 * union of the batch's captions padded to {@code 5 B}), {@code D} embedding size. Inputs:
 * frame embeddings {@code a [B,F,D]}, text embeddings {@code e [K,D]}, scale {@code s [K]}
 * (already exponentiated), bias {@code b [K]}, labels {@code z [B,F,K]}, clip mask
 * {@code m [B]}, text mask {@code t [K]}. A text of another clip has {@code z = 0} at every
 * frame of clip {@code i}, so it is a negative for every frame; the labels carry that, the
 * loss needs no ownership matrix.
 *
 * <ul>
 * <li>{@code ℓ_{i,f,k} = s_k <a_{i,f}, e_k> + stopgrad(b_k)}.</li>
 * <li>{@code L_SED = Σ_{i,k} m_i t_k Σ_f BCE(σ(ℓ_{i,f,k}), z_{i,f,k}) / (F Σ_{i,k} m_i t_k)}:
 *     the mean over valid (clip, text) pairs and frames (the reference divides the masked sum
 *     by the number of valid pairs and by {@code F}).</li>
 * <li>{@code π̄_k = Σ_{i,f} m_i z_{i,f,k} / (F Σ_i m_i)}, the fraction of positive frames of
 *     text {@code k} over valid clips and frames.</li>
 * <li>{@code L_prior = Σ_k t_k BCE(σ(b_k), π̄_k) / Σ_k t_k}
 *     with {@code BCE(σ(b), π) = softplus(b) - π b}: the mean over valid texts.</li>
 * </ul>
 *
 * <p>Masking reading (checked against the reference case of the model issue, which it
 * reproduces to 1e-15): a padded text slot ({@code t_k = 0}) is excluded from both terms,
 * including any labels it carries, and a padded clip ({@code m_i = 0}) from both terms and
 * from the denominators of {@code π̄}. In that case ({@code A = 2} clips, text slot 2 padding
 * although it has a positive frame for clip 1) including slot 2 in {@code L_SED} gives 2.9625
 * instead of 2.70213, and in {@code L_prior} 1.4596 instead of 1.75141.
 *
 * <p>Terms, already weighted as {@link Loss} requires: {@link Loss#SED} =
 * {@code λ_SED L_SED} and {@link Loss#PRIOR} = {@code L_prior}. {@code b} reaches
 * {@code L_SED} only through a stop-gradient, so it is trained by {@code L_prior} alone;
 * {@code s}, {@code a} and {@code e} are trained by {@code L_SED}. Denominators are clamped to
 * at least 1 so that a batch of padding only gives 0 rather than NaN. Terms take the inputs'
 * data type (float32 from the trainer; tests build the graph in double precision).
 *
 * <p>Chunking (SPEC §2.4): the frame term is built as a sum over chunks of
 * {@link #DEFAULT_CHUNK_SIZE chunkSize} text slots; each chunk's logits
 * {@code [B,F,chunk]} are reduced to a scalar before they meet the other chunks. Values and
 * gradients equal the unchunked computation up to float rounding. SameDiff 1.0.0-M2.1
 * keeps each chunk's forward arrays until its backward op runs (and its stop-gradient
 * back-propagates zeros rather than cutting the graph), so the peak memory of a training step
 * still grows with {@code K}. Worse, each chunk's slice of {@code e}, {@code s}, {@code b}
 * back-propagates a full-size {@code [K, ...]} gradient, so many small chunks cost
 * {@code O(K²/chunk)} memory and time ({@code bench/flam-loss.sh}: K = 10240 in chunks of 160
 * took 29 s and about 2.9 GiB against 1.4 s unchunked). Keep {@code chunkSize ≥ K} (the
 * default 128 covers 5 × 16 text slots) until chunking moves to the execution level.
 *
 * <p>{@code K} must be static in the graph (from the shape of {@code e}, {@code s}, {@code b}
 * or {@code z}), or {@code B} must be, with {@code K = textSlotsPerClip × B}; {@code B} and
 * {@code F} may be dynamic otherwise. Stateless and thread-safe.
 */
@Component(service = Loss.class, configurationPid = FrameWiseLogitAdjustedLoss.PID,
        property = FlamProperties.NAME + "=" + FrameWiseLogitAdjustedLoss.NAME)
@Designate(ocd = FrameWiseLogitAdjustedLossConfiguration.class)
public final class FrameWiseLogitAdjustedLoss implements Loss {

    static final String PID = "org.flam.loss.flam";
    /** {@code flam.name} of this loss. */
    public static final String NAME = "flam";
    /** {@code λ_SED} of the reference (SPEC §2.3). */
    static final double DEFAULT_LAMBDA_SED = 200.0;
    /** Texts per chunk by default: one chunk for the reference batch of 16 clips × 5 texts. */
    static final int DEFAULT_CHUNK_SIZE = 128;
    /** Text slots per clip of SPEC §2.3. */
    static final int DEFAULT_TEXT_SLOTS_PER_CLIP = 5;

    private static final Set<Input> INPUTS = Set.copyOf(EnumSet.of(Input.FRAME_EMBEDDINGS,
            Input.TEXT_EMBEDDINGS, Input.LOGIT_SCALE, Input.LOGIT_BIAS, Input.FRAME_LABELS,
            Input.CLIP_MASK, Input.TEXT_MASK));

    private final double lambdaSed;
    private final int chunkSize;
    private final int textSlotsPerClip;

    @Activate
    public FrameWiseLogitAdjustedLoss(FrameWiseLogitAdjustedLossConfiguration config) {
        this(config.lambdaSed(), config.chunkSize(), config.textSlotsPerClip());
    }

    FrameWiseLogitAdjustedLoss(double lambdaSed, int chunkSize, int textSlotsPerClip) {
        if (!(lambdaSed >= 0) || Double.isInfinite(lambdaSed)) {
            throw new IllegalArgumentException("lambdaSed must be finite and >= 0, got " + lambdaSed);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        if (textSlotsPerClip < 1) {
            throw new IllegalArgumentException("textSlotsPerClip must be >= 1, got " + textSlotsPerClip);
        }
        this.lambdaSed = lambdaSed;
        this.chunkSize = chunkSize;
        this.textSlotsPerClip = textSlotsPerClip;
    }

    /**
     * True: both terms are means over valid texts of per-text sums (see the class comment), so
     * the trainer may run them on text chunks weighted by their share of valid texts.
     */
    @Override
    public boolean separableOverTexts() {
        return true;
    }

    @Override
    public Set<Input> inputs() {
        return INPUTS;
    }

    @Override
    public Map<String, SDVariable> build(SameDiff sd, LossInputs in) {
        in.require(INPUTS, NAME);
        long k = textSlots(in);
        try (NameScope scope = sd.withNameScope("loss_" + NAME)) {
            SDVariable a = in.frameEmbeddings();
            SDVariable clipMask = in.clipMask();
            SDVariable textMask = in.textMask();
            SDVariable one = sd.constant(Nd4j.scalar(a.dataType(), 1.0));
            // F as a scalar of the inputs' type, so B and F may stay dynamic.
            SDVariable frames = sd.sizeAt(a, 1).castTo(a.dataType());

            // Valid (clip, text) pairs: Σ_i m_i · Σ_k t_k.
            SDVariable clips = clipMask.sum();
            SDVariable pairs = sd.math.max(clips.mul(textMask.sum()), one);
            SDVariable sedSum = null;
            // a as [B·F, D] for plain matrix products (tensorMmul's gradient fails in
            // 1.0.0-M2.1); the [B, F] prefix of its shape restores each chunk's [B, F, c].
            SDVariable shape = sd.shape(a);
            SDVariable flat = sd.reshape(a, sd.concat(0, sd.constant(Nd4j.createFromArray(-1L)),
                    sd.stridedSlice(shape, new long[] {2}, new long[] {3}, new long[] {1}, 0, 0, 0, 0, 0)));
            SDVariable clipsAndFrames = sd.stridedSlice(shape, new long[] {0}, new long[] {2},
                    new long[] {1}, 0, 0, 0, 0, 0);
            for (long k0 = 0; k0 < k; k0 += chunkSize) {
                SDVariable chunk = chunkSum(sd, in, flat, clipsAndFrames, k0, Math.min(k, k0 + chunkSize), k);
                sedSum = sedSum == null ? chunk : sedSum.add(chunk);
            }
            SDVariable sed = sedSum.div(pairs.mul(frames)).mul(SED, lambdaSed);

            // π̄_k over valid clips and frames; labels carry no gradient.
            SDVariable clipWeights = sd.reshape(clipMask, -1, 1, 1);
            SDVariable positives = in.frameLabels().mul(clipWeights).sum(0, 1);
            SDVariable prior = positives.div(sd.math.max(clips.mul(frames), one));
            SDVariable b = in.logitBias();
            SDVariable priorBce = sd.nn.softplus(b).sub(prior.mul(b));
            SDVariable priorLoss = priorBce.mul(textMask).sum()
                    .div(PRIOR, sd.math.max(textMask.sum(), one));
            return Map.of(SED, sed, PRIOR, priorLoss);
        }
    }

    /**
     * {@code Σ_{i,f} Σ_{k0 ≤ k < k1} m_i t_k BCE(σ(ℓ_{i,f,k}), z_{i,f,k})} of one chunk, a
     * scalar; only this chunk's {@code [B,F,k1-k0]} logits are formed.
     */
    private static SDVariable chunkSum(SameDiff sd, LossInputs in, SDVariable flat,
            SDVariable clipsAndFrames, long k0, long k1, long k) {
        // One chunk covering every text reads the inputs as they are: no slices to
        // back-propagate through (ND4J 1.0.0-M2.1's strided_slice_bp fails on a [1, D] slice).
        boolean whole = k0 == 0 && k1 == k;
        SDVariable e = whole ? in.textEmbeddings() : sd.stridedSlice(in.textEmbeddings(), new long[] {k0, 0},
                new long[] {k1, 0}, new long[] {1, 1}, 0, 0b10, 0, 0, 0);
        SDVariable s = whole ? in.logitScale() : slice1d(sd, in.logitScale(), k0, k1);
        SDVariable b = whole ? in.logitBias() : slice1d(sd, in.logitBias(), k0, k1);
        SDVariable t = whole ? in.textMask() : slice1d(sd, in.textMask(), k0, k1);
        // Begin/end masks 0b011 keep all of B and F, which may be dynamic.
        SDVariable z = whole ? in.frameLabels() : sd.stridedSlice(in.frameLabels(), new long[] {0, 0, k0},
                new long[] {0, 0, k1}, new long[] {1, 1, 1}, 0b011, 0b011, 0, 0, 0);
        // stridedSlice clips k1 to the fed K, so the chunk width comes from the graph.
        SDVariable width = sd.stridedSlice(sd.shape(e), new long[] {0}, new long[] {1},
                new long[] {1}, 0, 0, 0, 0, 0);
        SDVariable cos = sd.reshape(sd.mmul(flat, e, false, true, false),
                sd.concat(0, clipsAndFrames, width));
        // The bias enters the logit but must not be trained by L_SED (SPEC §2.3).
        SDVariable logits = cos.mul(s).add(new StopGradient(sd, b).outputVariable());
        SDVariable weights = sd.reshape(in.clipMask(), -1, 1, 1).mul(t);
        // BCE with logits, max(ℓ,0) - ℓz + log(1 + e^{-|ℓ|}), which never overflows.
        // (sd.loss.sigmoidCrossEntropy with these broadcast weights gave wrong gradients
        // in 1.0.0-M2.1: the finite-difference test caught it.)
        SDVariable bce = GraphOps.relu(logits).sub(logits.mul(z))
                .add(sd.math.log1p(sd.math.exp(sd.math.abs(logits).neg())));
        return bce.mul(weights).sum();
    }

    private static SDVariable slice1d(SameDiff sd, SDVariable v, long k0, long k1) {
        return sd.stridedSlice(v, new long[] {k0}, new long[] {k1}, new long[] {1}, 0, 0, 0, 0, 0);
    }

    /** The static text slot count {@code K}, from any input that has it, else {@code slots × B}. */
    private long textSlots(LossInputs in) {
        List<Long> candidates = new ArrayList<>();
        candidates.add(dim(in.textEmbeddings(), 0));
        candidates.add(dim(in.logitScale(), 0));
        candidates.add(dim(in.logitBias(), 0));
        candidates.add(dim(in.textMask(), 0));
        candidates.add(dim(in.frameLabels(), 2));
        for (long c : candidates) {
            if (c > 0) {
                return c;
            }
        }
        long b = Math.max(dim(in.frameEmbeddings(), 0), dim(in.clipMask(), 0));
        if (b > 0) {
            return textSlotsPerClip * b;
        }
        throw new IllegalArgumentException("loss " + NAME + " needs a static text slot count K "
                + "(or clip count B) in the graph to build its text chunks");
    }

    private static long dim(SDVariable v, int axis) {
        long[] shape = v.getShape();
        return shape != null && shape.length > axis ? shape[axis] : -1;
    }
}
