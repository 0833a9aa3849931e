package org.flam.api.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The heads of SPEC §1 as a graph builder: audio and text projection MLPs to the joint space
 * and the per-text logit scale and bias MLPs on the text features.
 *
 * <ul>
 * <li>Projections {@code MLP_a}, {@code MLP_t}: Linear(in, D) - ReLU - Linear(D, D), then L2
 *     normalisation. Frame embeddings project each frame; the global embedding projects the
 *     mean over frames (mean before projection, as the reference code does).</li>
 * <li>Bias {@code b(y) = MLP_b(u_y)}: Linear(H_t, H_t) - GELU - Linear(H_t, 1), last bias
 *     initialised to {@link #BIAS_INIT} so that {@code σ(b)} starts near the low positive rate
 *     of frame labels.</li>
 * <li>Scale {@code s(y) = exp(MLP_s(u_y))}: same shape, last bias initialised to
 *     {@link #LOG_SCALE_INIT} ({@code s = 10} at start).</li>
 * </ul>
 *
 * <p>Implementations register {@link org.flam.api.FlamProperties#NAME flam.name} and are
 * thread-safe.
 */
@ConsumerType
public interface ModelHeads {

    /**
     * Name scope of every variable the heads create, {@value}; fixed so that weights load
     * across runs and stages (SPEC §5).
     */
    String SCOPE = "heads";

    /** Initial value of the last bias of {@code MLP_b} (SPEC §1, reference code): -8. */
    double BIAS_INIT = -8.0;

    /** Initial value of the last bias of {@code MLP_s}, {@code ln 10} (SPEC §1). */
    double LOG_SCALE_INIT = Math.log(10.0);

    /** Joint embedding size {@code D} (512 in the reference). */
    int embeddingSize();

    /**
     * Adds the heads to {@code sd}, every variable inside {@code sd.withNameScope(SCOPE)}.
     *
     * @param sd            the graph
     * @param frameFeatures audio frame features {@code [B, F, H]} from {@link AudioEncoder}
     * @param textFeatures  text features {@code u_k}, {@code [K, H_t]}: a placeholder fed from a
     *                      frozen {@link org.flam.api.spi.TextEncoder} or a trainable encoder's
     *                      output
     * @return embeddings, scale and bias with the shapes of {@link HeadOutputs}
     */
    HeadOutputs build(SameDiff sd, SDVariable frameFeatures, SDVariable textFeatures);
}
