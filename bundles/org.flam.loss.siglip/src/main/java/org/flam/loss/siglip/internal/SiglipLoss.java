package org.flam.loss.siglip.internal;

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
 * SigLIP's pairwise sigmoid loss (Zhai et al., 2023; SPEC §2.2) on global embeddings, term
 * {@link Loss#GLOBAL}.
 *
 * <p>Logits {@code x_ik = exp(t') <a_i, e_k> + b} for clips {@code a} {@code [B, D]} and texts
 * {@code e} {@code [K, D]}, with learnable scalars {@code t'} (starts at {@code ln 10}) and
 * {@code b} (starts at -10). Every pair of a real clip and a real text is an independent
 * binary decision:
 *
 * <pre>
 * L = -1/B_real Σ_{i real} Σ_{k real} log σ(z_ik x_ik),   z_ik = +1 if O_ik = 1, else -1
 * </pre>
 *
 * <p><b>Pairing.</b> A FLAM batch has {@code K} text slots and an ownership matrix {@code O}
 * {@code [B, K]} instead of {@code B} pairs. Every text a clip owns is a positive for it and
 * every other real text a negative; a text shared by two clips is positive for both. The
 * sigmoid loss needs no choice of a single positive, since pairs do not compete, so this is
 * SigLIP's own multi-positive reading. The sum is divided by the number of real clips, as
 * SPEC divides by {@code B}; with {@code K = B} and {@code O = I} it is exactly the SPEC
 * formula.
 *
 * <p><b>Masks.</b> Pairs involving a padded clip or text ({@code clipMask}, {@code textMask} = 0)
 * are left out of the sum, whatever their embeddings or ownership entries hold.
 *
 * <p>The variables {@code loss_siglip/log_scale} and {@code loss_siglip/bias} take the data
 * type of the global embeddings (float32 in training; float64 lets tests check gradients by
 * finite differences), as does the returned term.
 */
@Component(service = Loss.class, configurationPid = SiglipLoss.PID,
        property = FlamProperties.NAME + "=" + SiglipLoss.NAME)
@Designate(ocd = SiglipLossConfiguration.class)
public final class SiglipLoss implements Loss {

    static final String PID = "org.flam.loss.siglip";
    /** {@code flam.name} of this loss. */
    public static final String NAME = "siglip";
    /** Name scope of the learnable variables, as {@link Loss} prescribes. */
    public static final String SCOPE = "loss_" + NAME;
    /** Full name of the learnable log scale {@code t'}. */
    public static final String LOG_SCALE = SCOPE + "/log_scale";
    /** Full name of the learnable bias {@code b}. */
    public static final String BIAS = SCOPE + "/bias";
    /** SigLIP's initial scale, {@code exp(t') = 10}. */
    static final double INITIAL_LOGIT_SCALE = 10.0;
    /** SigLIP's initial bias. */
    static final double INITIAL_LOGIT_BIAS = -10.0;

    private static final Set<Input> INPUTS = EnumSet.of(Input.GLOBAL_EMBEDDINGS, Input.TEXT_EMBEDDINGS,
            Input.CLIP_MASK, Input.TEXT_MASK, Input.OWNERSHIP);

    private final double initialLogScale;
    private final double initialBias;

    @Activate
    public SiglipLoss(SiglipLossConfiguration config) {
        this(config.initialLogitScale(), config.initialLogitBias());
    }

    /**
     * @param initialLogitScale {@code exp(t') > 0} at the start
     * @param initialLogitBias  {@code b} at the start
     */
    SiglipLoss(double initialLogitScale, double initialLogitBias) {
        if (!(initialLogitScale > 0) || Double.isInfinite(initialLogitScale)) {
            throw new IllegalArgumentException("initialLogitScale must be a positive number, got "
                    + initialLogitScale);
        }
        if (!Double.isFinite(initialLogitBias)) {
            throw new IllegalArgumentException("initialLogitBias must be finite, got " + initialLogitBias);
        }
        this.initialLogScale = Math.log(initialLogitScale);
        this.initialBias = initialLogitBias;
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
        // sd.var(...) names, so a bare name inside the scope would not carry the prefix.
        SDVariable logScale = sd.var(LOG_SCALE, Nd4j.scalar(type, initialLogScale));
        SDVariable bias = sd.var(BIAS, Nd4j.scalar(type, initialBias));
        try (NameScope scope = sd.withNameScope(SCOPE)) {
            SDVariable x = sd.mmul(a, in.textEmbeddings(), false, true, false)
                    .mul(sd.math.exp(logScale)).add(bias); // [B, K]

            // masks are float32 by contract; cast so that float64 embeddings give a float64 loss
            SDVariable clips = in.clipMask().castTo(type).reshape(-1, 1); // [B, 1]
            SDVariable texts = in.textMask().castTo(type).reshape(1, -1); // [1, K]
            SDVariable real = clips.mul(texts); // [B, K]
            SDVariable z = in.ownership().castTo(type).mul(2.0).sub(1.0); // ±1
            // -log σ(z x) = softplus(-z x)
            SDVariable pairLoss = softplus(sd, z.mul(x).neg());
            SDVariable count = sd.math.max(clips.sum(), sd.constant(Nd4j.scalar(type, 1.0)));
            return Map.of(GLOBAL, pairLoss.mul(real).sum().div(GLOBAL, count));
        }
    }

    /**
     * {@code log(1 + exp y)} as {@code r + log1p(exp(y - 2r))}, {@code r = relu(y)}: no overflow
     * for large logits (the scale is not clamped), and the gradient is {@code σ(y)} everywhere,
     * at {@code y = 0} too, whatever relu's derivative there.
     */
    private static SDVariable softplus(SameDiff sd, SDVariable y) {
        SDVariable r = sd.nn.relu(y, 0);
        return r.add(sd.math.log1p(sd.math.exp(y.sub(r.mul(2.0)))));
    }
}
