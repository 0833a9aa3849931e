package org.flam.text.hashing.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class HashingTextEncoderTest {

    @Test
    void fnv1aMatchesThePublishedTestVectors() {
        // Test vectors from the FNV reference (Fowler, Noll, Vo: "FNV hash" test suite).
        assertEquals(0xcbf29ce484222325L, HashingTextEncoder.fnv1a64(new byte[0]));
        assertEquals(0xaf63dc4c8601ec8cL, HashingTextEncoder.fnv1a64("a".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0x85944171f73967e8L, HashingTextEncoder.fnv1a64("foobar".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneWordIsOneSignedBucketComputedByHand() {
        // FNV-1a("a") = 0xaf63dc4c8601ec8c: negative as a signed long, so sign -1;
        // as unsigned it is 12638187200555641996, and 12638187200555641996 mod 7 = 5.
        float[] f = new HashingTextEncoder(7).encode("A!");
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, -1, 0}, f);
    }

    @Test
    void featuresAreNormalisedCaseInsensitiveAndDeterministic() {
        HashingTextEncoder enc = new HashingTextEncoder(256);
        float[] a = enc.encode("A dog barks");
        assertArrayEquals(a, enc.encode("a DOG barks."));
        double norm = 0;
        for (float x : a) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-6);
    }

    @Test
    void sharedWordsMakeTextsSimilar() {
        HashingTextEncoder enc = new HashingTextEncoder(4096);
        float[] dog = enc.encode("dog barking");
        float[] dogLoud = enc.encode("dog barking loudly");
        float[] glass = enc.encode("glass shatters");
        assertTrue(dot(dog, dogLoud) > 0.5, "3 of 5 tokens shared");
        assertEquals(0.0, dot(dog, glass), 1e-6, "no token shared (and no collision in 4096 buckets)");
    }

    @Test
    void textsWithoutWordsGiveZerosAndBlankTextsAreRejected() {
        HashingTextEncoder enc = new HashingTextEncoder(16);
        assertArrayEquals(new float[16], enc.encode("?!"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> enc.encode(List.of("ok", " ")));
        assertTrue(e.getMessage().contains("text 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HashingTextEncoder(0));
    }

    @Test
    void wordsSplitOnAnythingButLettersAndDigits() {
        assertEquals(List.of("car", "horn", "2x", "über"), HashingTextEncoder.words("Car-horn, 2x ÜBER"));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
