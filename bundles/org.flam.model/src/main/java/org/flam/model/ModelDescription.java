package org.flam.model;

import java.util.List;
import java.util.Objects;

import org.flam.api.graph.AudioEncoderSpec;

/**
 * What a model directory's graph is and needs ({@code model.json}): the audio encoder's front
 * end and frame rate, the joint embedding size, the text encoder whose features the graph takes,
 * the names of the graph's inputs and outputs, and the bundles inference needs.
 *
 * <p>Inference feeds {@link #LOG_MEL} {@code [W, mels, time]} (log-mel windows in dB, the
 * front end of {@link #encoderSpec}) and {@link #TEXT_FEATURES} {@code [K, textDimension]}
 * (features of {@link #textEncoder}), and reads {@link #FRAME_EMBEDDINGS} {@code [W, F, D]},
 * {@link #TEXT_EMBEDDINGS} {@code [K, D]}, {@link #LOGIT_SCALE} {@code [K]} and
 * {@link #LOGIT_BIAS} {@code [K]}; {@code W} and {@code K} are free.
 *
 * @param format        {@link #FORMAT}
 * @param encoder       {@code flam.name} of the audio encoder that built the graph
 * @param encoderSpec   its front end, clip length, frame rate and feature size
 * @param heads         {@code flam.name} of the heads
 * @param embeddingSize joint embedding size {@code D}, {@code > 0}
 * @param textEncoder   {@code flam.name} of the frozen text encoder, e.g. {@code minilm}
 * @param textDimension its feature size {@code H_t}, {@code > 0}
 * @param losses        {@code flam.name} of every loss the model was trained with, in order
 * @param requires      symbolic names of the bundles inference needs (numerics backend, text
 *                      encoder); the loader checks them against the installed bundles
 */
public record ModelDescription(String format, String encoder, AudioEncoderSpec encoderSpec,
        String heads, int embeddingSize, String textEncoder, int textDimension,
        List<String> losses, List<String> requires) {

    /** Format tag of this version of {@code model.json}. */
    public static final String FORMAT = "flam-model/1";
    /** Graph placeholder: log-mel windows {@code [W, mels, time]}, float32, dB. */
    public static final String LOG_MEL = "log_mel";
    /** Graph placeholder: text features {@code [K, H_t]}, float32. */
    public static final String TEXT_FEATURES = "text_features";
    /** Graph output: L2-normalised frame embeddings {@code [W, F, D]}. */
    public static final String FRAME_EMBEDDINGS = "frame_embeddings";
    /** Graph output: L2-normalised global clip embeddings {@code [W, D]}. */
    public static final String GLOBAL_EMBEDDINGS = "global_embeddings";
    /** Graph output: L2-normalised text embeddings {@code [K, D]}. */
    public static final String TEXT_EMBEDDINGS = "text_embeddings";
    /** Graph output: per-text logit scale {@code s > 0}, {@code [K]}. */
    public static final String LOGIT_SCALE = "logit_scale";
    /** Graph output: per-text logit bias {@code b}, {@code [K]} (the learned log-odds prior). */
    public static final String LOGIT_BIAS = "logit_bias";

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the format is not {@link #FORMAT} or a size is not
     *                                  positive
     */
    public ModelDescription {
        Objects.requireNonNull(format, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("model.json has format '" + format + "'; this version reads "
                    + FORMAT);
        }
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(encoderSpec, "encoderSpec");
        Objects.requireNonNull(heads, "heads");
        Objects.requireNonNull(textEncoder, "textEncoder");
        if (embeddingSize <= 0 || textDimension <= 0) {
            throw new IllegalArgumentException("embeddingSize and textDimension must be > 0, got "
                    + embeddingSize + " and " + textDimension);
        }
        losses = List.copyOf(losses);
        requires = List.copyOf(requires);
    }
}
