package org.flam.api.graph;

import java.util.Objects;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The outputs of {@link ModelHeads}: joint-space embeddings and per-text logit scale and bias
 * (SPEC §1). {@code B} clips, {@code F} frames, {@code K} texts, {@code D} embedding size.
 *
 * @param frameEmbeddings  {@code a_{i,f}}, {@code [B, F, D]}, L2-normalised over {@code D}
 * @param globalEmbeddings {@code a_i = normalize(MLP_a(mean_f h_{i,f}))}, {@code [B, D]},
 *                         L2-normalised (mean before the projection)
 * @param textEmbeddings   {@code e_k}, {@code [K, D]}, L2-normalised
 * @param logitScale       {@code s(y_k) = exp(MLP_s(u_k))}, {@code [K]}, already exponentiated,
 *                         so {@code > 0}
 * @param logitBias        {@code b(y_k) = MLP_b(u_k)}, {@code [K]}, the learned log-odds prior
 *                         (no stop-gradient applied here; the loss decides)
 */
public record HeadOutputs(SDVariable frameEmbeddings, SDVariable globalEmbeddings,
        SDVariable textEmbeddings, SDVariable logitScale, SDVariable logitBias) {

    /**
     * Validates.
     *
     * @throws NullPointerException naming the missing output
     */
    public HeadOutputs {
        Objects.requireNonNull(frameEmbeddings, "frameEmbeddings");
        Objects.requireNonNull(globalEmbeddings, "globalEmbeddings");
        Objects.requireNonNull(textEmbeddings, "textEmbeddings");
        Objects.requireNonNull(logitScale, "logitScale");
        Objects.requireNonNull(logitBias, "logitBias");
    }
}
