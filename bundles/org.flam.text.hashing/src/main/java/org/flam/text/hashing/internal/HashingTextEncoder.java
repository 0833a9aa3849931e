package org.flam.text.hashing.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flam.api.FlamProperties;
import org.flam.api.spi.TextEncoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Text features by the hashing trick (Weinberger et al., 2009): every lower-cased word and
 * every pair of adjacent words adds {@code ±1} to bucket {@code h mod H_t}, where {@code h}
 * is the 64-bit FNV-1a hash of its UTF-8 bytes and the sign is the hash's top bit; the vector
 * is then L2-normalised (all zeros if the text has no word).
 *
 * <p>No model, no state, microseconds per text: texts that share words get similar
 * features, synonyms do not. A baseline and a fast stand-in where a pretrained encoder is
 * not needed.
 */
@Component(service = TextEncoder.class, configurationPid = HashingTextEncoder.PID,
        property = FlamProperties.NAME + "=" + HashingTextEncoder.NAME)
@Designate(ocd = HashingTextEncoderConfiguration.class)
public final class HashingTextEncoder implements TextEncoder {

    static final String PID = "org.flam.text.hashing";
    /** {@code flam.name} of this encoder. */
    public static final String NAME = "hashing";

    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final int dimension;

    @Activate
    public HashingTextEncoder(HashingTextEncoderConfiguration config) {
        this(config.dimension());
    }

    HashingTextEncoder(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] encode(List<String> texts) {
        TextEncoder.requireTexts(texts);
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = features(texts.get(i));
        }
        return out;
    }

    private float[] features(String text) {
        List<String> words = words(text);
        double[] acc = new double[dimension];
        for (int w = 0; w < words.size(); w++) {
            add(acc, words.get(w));
            if (w > 0) {
                add(acc, words.get(w - 1) + ' ' + words.get(w));
            }
        }
        double norm = 0;
        for (double a : acc) {
            norm += a * a;
        }
        float[] f = new float[dimension];
        if (norm > 0) {
            double scale = 1 / Math.sqrt(norm);
            for (int d = 0; d < dimension; d++) {
                f[d] = (float) (acc[d] * scale);
            }
        }
        return f;
    }

    private void add(double[] acc, String token) {
        long h = fnv1a64(token.getBytes(StandardCharsets.UTF_8));
        int bucket = (int) Long.remainderUnsigned(h, dimension);
        acc[bucket] += h < 0 ? -1 : 1;
    }

    /** Lower-cased runs of letters and digits (Unicode-aware), in order. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean inWord = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    /** The 64-bit FNV-1a hash. */
    static long fnv1a64(byte[] data) {
        long h = FNV_OFFSET_BASIS;
        for (byte b : data) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }
}
