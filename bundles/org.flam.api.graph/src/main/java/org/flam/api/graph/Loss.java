package org.flam.api.graph;

import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A training loss of SPEC §2 as a graph builder: reads embeddings, scale, bias, labels and
 * masks from the graph and adds scalar loss terms, e.g. InfoNCE or SigLIP on global
 * embeddings ({@link #GLOBAL}) or the logit-adjusted frame-wise loss ({@link #SED} and
 * {@link #PRIOR}).
 *
 * <p>The trainer builds every configured loss (stage 2 of SPEC §5 combines a global loss with
 * the frame-wise one), sums all returned terms into the optimised loss and logs each term by
 * name; term names must therefore be distinct across the losses of one assembly. Terms are
 * returned already weighted (the frame-wise loss owns its {@code λ_SED}, 200 in the
 * reference), so the sum is the objective.
 *
 * <p>Learnable parameters of a loss (temperature {@code τ}, SigLIP scale and bias) are
 * variables inside the name scope {@code "loss_" + flam.name}, stable across runs.
 * Stop-gradients the method needs (on {@code b} in {@code L_SED}) are the loss's job.
 * Frame-wise losses process texts in chunks so that peak memory grows with the chunk size,
 * not with {@code K} (SPEC §2.4).
 *
 * <p>Implementations register {@link org.flam.api.FlamProperties#NAME flam.name} and are
 * thread-safe.
 */
@ConsumerType
public interface Loss {

    /** Term name of a global (clip-level) contrastive loss. */
    String GLOBAL = "global";
    /** Term name of the frame-wise loss {@code λ_SED L_SED}. */
    String SED = "sed";
    /** Term name of the prior loss {@code L_prior} that trains the per-text bias. */
    String PRIOR = "prior";

    /**
     * Whether this loss is a weighted sum of per-text terms, so that the trainer may evaluate
     * it on chunks of text slots at execution level (SPEC §2.4) and still get the same value
     * and gradients. The contract, for a partition of the {@code K} text slots into chunks
     * {@code c}: with {@code n_c} the number of real texts (text mask 1) in chunk {@code c}
     * and {@code n = Σ_c n_c}, every term satisfies
     * {@code term(all texts) = Σ_c (n_c / n) term(chunk c alone)}, where a chunk alone is
     * built from the same clip inputs and the chunk's slices of text embeddings, scale, bias,
     * text mask and frame labels. The frame-wise loss of SPEC §2.3 has this form (a mean over
     * valid texts of per-text sums); contrastive losses that compare texts with each other
     * (softmax over texts) do not.
     *
     * @return false unless the loss meets the contract; the default
     */
    default boolean separableOverTexts() {
        return false;
    }

    /** The inputs {@link #build} reads; the trainer provides at least these. */
    Set<LossInputs.Input> inputs();

    /**
     * Adds the loss to {@code sd}.
     *
     * @param sd the graph holding the model
     * @param in the inputs; those in {@link #inputs()} are non-null (checked with
     *           {@link LossInputs#require})
     * @return term name to a scalar (rank 0) float32 variable, at least one term, unmodifiable
     * @throws IllegalArgumentException if an input of {@link #inputs()} is missing
     */
    Map<String, SDVariable> build(SameDiff sd, LossInputs in);
}
