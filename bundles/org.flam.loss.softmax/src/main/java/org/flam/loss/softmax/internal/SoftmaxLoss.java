package org.flam.loss.softmax.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.flam.api.FlamProperties;
import org.flam.api.graph.Loss;
import org.flam.api.graph.LossInputs;
import org.flam.api.graph.LossInputs.Input;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Symmetric InfoNCE (CLIP, CLAP; SPEC §2.1) on global embeddings, term {@link Loss#GLOBAL}.
 *
 * <p>Logits {@code x_ik = t <a_i, e_k>} for clips {@code a} {@code [B, D]} and texts {@code e}
 * {@code [K, D]}, with {@code t = exp(min(τ, ln t_max))}; {@code τ} is learnable, starts at
 * {@code ln(1/T0)} and gets no gradient while above the clamp.
 *
 * <p><b>Pairing.</b> A FLAM batch is not {@code B} pairs: clip {@code i} owns the texts
 * {@code P_i = {k : O_ik = 1}} of the ownership matrix {@code O} {@code [B, K]}, a text may be
 * owned by several clips (texts are deduplicated), and slots may be padding. Every owned text
 * is a positive, in the multiple-instance form of Miech et al. (MIL-NCE, CVPR 2020):
 *
 * <pre>
 * ℓ_i^{a→t} = -log( Σ_{k∈P_i} exp x_ik / Σ_{k real} exp x_ik )
 * ℓ_k^{t→a} = -log( Σ_{i∈O_k} exp x_ik / Σ_{i real} exp x_ik )
 * L = ½ ( mean_i ℓ_i^{a→t} + mean_k ℓ_k^{t→a} )
 * </pre>
 *
 * where the first mean runs over real clips owning at least one real text and the second over
 * real texts owned by at least one real clip. Why this form: paraphrased captions of one clip
 * do not compete with each other (a mean of per-positive log-probabilities would push them
 * apart), and a caption shared by two clips is never a negative for either. With {@code K = B}
 * and {@code O = I} it is exactly the SPEC formula
 * {@code -1/(2B) Σ_i [log softmax_j(x_ij)_i + log softmax_j(x_ji)_i]}.
 *
 * <p><b>Masks.</b> Padded clips and texts ({@code clipMask}, {@code textMask} = 0) enter no
 * sum, whatever their embeddings or ownership entries hold, so they get zero gradient.
 *
 * <p>The variable {@code loss_softmax/tau} takes the data type of the global embeddings
 * (float32 in training; float64 lets tests check gradients by finite differences), as does the
 * returned term.
 */
@Component(service = Loss.class, configurationPid = SoftmaxLoss.PID,
        property = FlamProperties.NAME + "=" + SoftmaxLoss.NAME)
@Designate(ocd = SoftmaxLossConfiguration.class)
public final class SoftmaxLoss implements Loss {

    static final String PID = "org.flam.loss.softmax";
    /** {@code flam.name} of this loss. */
    public static final String NAME = "softmax";
    /** Name scope of the learnable variable, as {@link Loss} prescribes. */
    public static final String SCOPE = "loss_" + NAME;
    /** Full name of the learnable log logit scale {@code τ}. */
    public static final String TAU = SCOPE + "/tau";
    /** CLIP's initial temperature: {@code τ = ln(1/0.07)}. */
    static final double INITIAL_TEMPERATURE = 0.07;
    /** CLIP's clamp of the logit scale: {@code τ <= ln 100}. */
    static final double MAX_LOGIT_SCALE = 100.0;

    /**
     * Offset added to the logits of excluded entries before a log-sum-exp: {@code exp} of it
     * underflows to exactly 0 in float32 and float64, while entries stay finite, so a row
     * without any included entry gives a finite value (weighted out) instead of NaN.
     */
    private static final double EXCLUDED = -1e9;

    private static final Set<Input> INPUTS = EnumSet.of(Input.GLOBAL_EMBEDDINGS, Input.TEXT_EMBEDDINGS,
            Input.CLIP_MASK, Input.TEXT_MASK, Input.OWNERSHIP);

    private final double initialTau;
    private final double maxTau;

    @Activate
    public SoftmaxLoss(SoftmaxLossConfiguration config) {
        this(config.initialTemperature(), config.maxLogitScale());
    }

    /**
     * @param initialTemperature {@code T0 > 0}; {@code τ} starts at {@code ln(1/T0)}
     * @param maxLogitScale      {@code t_max > 0}; {@code t} never exceeds it
     */
    SoftmaxLoss(double initialTemperature, double maxLogitScale) {
        if (!(initialTemperature > 0) || Double.isInfinite(initialTemperature)) {
            throw new IllegalArgumentException("initialTemperature must be a positive number, got "
                    + initialTemperature);
        }
        if (!(maxLogitScale > 0) || Double.isInfinite(maxLogitScale)) {
            throw new IllegalArgumentException("maxLogitScale must be a positive number, got " + maxLogitScale);
        }
        this.initialTau = Math.log(1 / initialTemperature);
        this.maxTau = Math.log(maxLogitScale);
    }

    @Override
    public Set<Input> inputs() {
        return INPUTS;
    }

    @Override
    public Map<String, SDVariable> build(SameDiff sd, LossInputs in) {
        in.require(INPUTS, NAME);
        SDVariable a = in.globalEmbeddings();
        DataType type = a.dataType();
        // Named in full outside the scope: SameDiff 1.0.0-M2.1 scopes op outputs but not
        // sd.var(...) names, so "tau" inside the scope would be a bare, clashing "tau".
        SDVariable tau = sd.var(TAU, Nd4j.scalar(type, initialTau));
        try (NameScope scope = sd.withNameScope(SCOPE)) {
            // min(τ, c) as c - relu(c - τ): relu's gradient is well supported and is 0 above the clamp
            SDVariable t = sd.math.exp(sd.nn.relu(tau.rsub(maxTau), 0).rsub(maxTau));
            SDVariable x = sd.mmul(a, in.textEmbeddings(), false, true, false).mul(t); // [B, K]

            // masks are float32 by contract; cast so that float64 embeddings give a float64 loss
            SDVariable clips = in.clipMask().castTo(type).reshape(-1, 1); // [B, 1]
            SDVariable texts = in.textMask().castTo(type).reshape(1, -1); // [1, K]
            // real owned pairs [B, K]: masks win over ownership entries in padded slots
            SDVariable positive = in.ownership().castTo(type).mul(clips).mul(texts);

            SDVariable audioToText = direction(sd, x, texts, positive, 1, type);
            SDVariable textToAudio = direction(sd, x, clips, positive, 0, type);
            return Map.of(GLOBAL, audioToText.add(textToAudio).mul(GLOBAL, 0.5));
        }
    }

    /**
     * One direction of the loss: softmax over axis {@code dim} of {@code x}, averaged over the
     * rows (along the other axis) that have a positive.
     *
     * @param x        logits {@code [B, K]}
     * @param real     1 for real entries along {@code dim}, broadcastable to {@code [B, K]}
     * @param positive 1 for real owned pairs, {@code [B, K]}
     * @param dim      1: clips choose among texts; 0: texts choose among clips
     * @return {@code mean over rows with a positive of (lse over real - lse over positives)},
     *         rank 0, 0 if no row has a positive
     */
    private static SDVariable direction(SameDiff sd, SDVariable x, SDVariable real, SDVariable positive,
            int dim, DataType type) {
        SDVariable nll = maskedLogSumExp(x, real, dim).sub(maskedLogSumExp(x, positive, dim));
        SDVariable rows = positive.max(true, dim); // 1 iff the row has a positive
        SDVariable count = sd.math.max(rows.sum(), sd.constant(Nd4j.scalar(type, 1.0)));
        return nll.mul(rows).sum().div(count);
    }

    /**
     * {@code log Σ_{mask=1} exp x} along {@code dim}, keeping the axis. Shifted by the maximum
     * for float32 stability (logits reach ±{@code t_max}); the maximum's gradient cancels
     * exactly, so none is stopped. Rows without any included entry give a finite junk value.
     */
    private static SDVariable maskedLogSumExp(SDVariable x, SDVariable mask, int dim) {
        SDVariable shifted = x.add(mask.rsub(1.0).mul(EXCLUDED));
        SDVariable max = shifted.max(true, dim);
        SameDiff sd = x.getSameDiff();
        return sd.math.log(sd.math.exp(shifted.sub(max)).sum(true, dim)).add(max);
    }
}
