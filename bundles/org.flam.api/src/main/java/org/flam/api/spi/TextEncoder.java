package org.flam.api.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns texts into fixed-size text features {@code u_y} (SPEC §1), the input of the text
 * projection and of the per-text scale and bias heads.
 *
 * <p>A frozen pretrained encoder (for example MiniLM on ONNX Runtime) runs outside the
 * training graph; its features enter the graph as a placeholder of shape {@code [N, H_t]}.
 *
 * <p>Implementations are thread-safe and register the service property
 * {@link org.flam.api.FlamProperties#NAME flam.name}.
 */
@ConsumerType
public interface TextEncoder {

    /** Feature size {@code H_t}, e.g. 384 for all-MiniLM-L6-v2. */
    int dimension();

    /**
     * Encodes a batch of texts.
     *
     * @param texts N texts, none null or blank; may repeat (each occurrence gets its own row)
     * @return a new {@code float[N][H_t]} owned by the caller (implementations never keep a
     *         reference to it, so callers may modify it)
     * @throws IllegalArgumentException if a text is null or blank (the message names its index)
     */
    float[][] encode(List<String> texts);

    /**
     * Checks the contract of {@link #encode(List)} for implementations: no null or blank text.
     *
     * @return {@code texts}
     * @throws NullPointerException     if {@code texts} is null
     * @throws IllegalArgumentException naming the index of the first null or blank text
     */
    static List<String> requireTexts(List<String> texts) {
        if (texts == null) {
            throw new NullPointerException("texts");
        }
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("text " + i + " is " + (text == null ? "null" : "blank"));
            }
        }
        return texts;
    }

    /** Encodes one text; returns a new {@code float[H_t]} owned by the caller. */
    default float[] encode(String text) {
        return encode(List.of(text))[0];
    }
}
