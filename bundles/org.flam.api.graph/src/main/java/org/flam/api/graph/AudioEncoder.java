package org.flam.api.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The audio encoder {@code g_a} of SPEC §1 as a graph builder: adds its layers to a SameDiff
 * graph and returns frame features {@code h_{i,f}} before projection.
 *
 * <p>Implementations register {@link org.flam.api.FlamProperties#NAME flam.name} and are
 * thread-safe (building holds no state between calls).
 */
@ConsumerType
public interface AudioEncoder {

    /**
     * Name scope of every variable an encoder creates, {@value}: a graph holds one audio
     * encoder, and a fixed scope keeps variable names the same across runs, so stage-1 weights
     * load into the stage-2 graph (SPEC §5).
     */
    String SCOPE = "audio_encoder";

    /** Front end, clip length, frame rate and feature size; constant for the instance. */
    AudioEncoderSpec spec();

    /**
     * Adds the encoder to {@code sd}.
     *
     * <p>Every variable and op it creates is inside {@code sd.withNameScope(SCOPE)}, with
     * names that do not depend on call order, so names are unique in the graph and stable
     * across runs. Trainable weights are SameDiff variables (initialised from the seeded
     * random generator of the backend or from pretrained weights); nothing is a placeholder.
     *
     * @param sd     the graph, from {@link GraphBackend#newGraph()}
     * @param logMel log-mel input in dB, {@code [B, mels, time]} float32 with
     *               {@code mels = spec().mels()} and {@code time = spec().melFrames()};
     *               {@code B} may be unknown ({@code -1})
     * @return frame features {@code [B, F, H]} float32 with {@code F = spec().framesPerClip()}
     *         and {@code H = spec().featureSize()}
     */
    SDVariable build(SameDiff sd, SDVariable logMel);
}
