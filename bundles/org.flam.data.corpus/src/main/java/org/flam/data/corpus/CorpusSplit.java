package org.flam.data.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The held-out rule of the corpus (the paper's "Held-out" protocol, §5.1): every recording
 * belongs to exactly one side, decided by its path alone.
 * {@code u = (first 8 bytes of SHA-256(UTF-8 path), big-endian, unsigned) / 2^64}, and the
 * recording is held out iff {@code u < heldoutFraction}. So the sides are disjoint by
 * construction, stable when the corpus grows or is reordered, and independent of any seed:
 * runs with different seeds share one test set. Mixture synthesis and the trainer's
 * caption-audio pairs both use it, so no held-out recording reaches training.
 */
public final class CorpusSplit {

    private CorpusSplit() {
    }

    /** Whether the recording at corpus path {@code path} is held out at {@code heldoutFraction}. */
    public static boolean isHeldout(String path, double heldoutFraction) {
        return unit(path) < heldoutFraction;
    }

    /** The path's position {@code u} in {@code [0, 1)}. */
    public static double unit(String path) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xff);
        }
        // The top 53 bits as a double in [0, 1): exact, and monotone in the unsigned value.
        return (h >>> 11) * 0x1.0p-53;
    }
}
