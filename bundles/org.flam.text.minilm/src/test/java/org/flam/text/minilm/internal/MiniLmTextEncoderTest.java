package org.flam.text.minilm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniLmTextEncoderTest {

    /**
     * Source: the first three components langchain4j's own AllMiniLmL6V2EmbeddingModel gives for
     * "dog barking" on the class path (the same values were measured inside Felix; FIELD-NOTES).
     */
    private static final float[] DOG_BARKING_HEAD = {0.003829104f, 0.002625334f, 0.05868675f};

    @TempDir
    static Path cacheDir;
    private static MiniLmTextEncoder encoder;

    @BeforeAll
    static void load() {
        // On the class path the model jar's resources sit at the root; in the bundle under model/.
        encoder = new MiniLmTextEncoder(8, 1, cacheDir,
                name -> MiniLmTextEncoderTest.class.getClassLoader().getResourceAsStream(name.substring("model/".length())));
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void dogBarkingGivesTheReferenceVector() {
        float[] v = encoder.encode("dog barking");
        assertEquals(384, v.length);
        assertArrayEquals(DOG_BARKING_HEAD, Arrays.copyOf(v, 3), 1e-6f);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-5, "features are L2-normalised");
    }

    @Test
    void aBatchEqualsOneByOneAndRepeatsGetTheirOwnRows() {
        List<String> texts = List.of("glass shatters", "a dog barks", "glass shatters", "thunder");
        float[][] batch = encoder.encode(texts);
        assertEquals(4, batch.length);
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(encoder.encode(texts.get(i)), batch[i], 1e-6f, texts.get(i));
        }
        assertNotSame(batch[0], batch[2], "each row is the caller's own array");
        assertFalse(Arrays.equals(batch[0], batch[1]), "different texts, different features");
    }

    @Test
    void returnedArraysBelongToTheCaller() {
        float[] first = encoder.encode("rain on a roof");
        float[] keep = first.clone();
        Arrays.fill(first, 42f);
        assertArrayEquals(keep, encoder.encode("rain on a roof"), "the cache is not changed by callers");
    }

    @Test
    void theCacheAnswersRepeatsAndEvictsTheLeastRecentlyUsed() {
        long[] before = encoder.cacheStats();
        encoder.encode("a car horn");
        encoder.encode("a car horn");
        long[] after = encoder.cacheStats();
        assertTrue(after[1] >= before[1] + 1, "second lookup is a hit");
        for (int i = 0; i < 20; i++) {
            encoder.encode("footsteps number " + i);
        }
        assertEquals(8, encoder.cacheStats()[0], "bounded by its capacity");
    }

    @Test
    void nullAndBlankTextsAreRejectedByIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode(Arrays.asList("ok", null)));
        assertTrue(e.getMessage().contains("text 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(List.of("  ")));
    }

    @Test
    void aFailedCopyLeavesNoPartialModel(@TempDir Path dir) {
        byte[] data = new byte[1 << 16];
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(data)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 1000) {
                    throw new IOException("disk on fire");
                }
                int n = super.read(b, off, Math.min(len, 512));
                read += n;
                return n;
            }
        };
        assertThrows(IOException.class, () -> ModelFiles.materialize(dir, name -> failing, "v", "m.onnx"));
        assertFalse(Files.exists(dir.resolve("all-minilm-l6-v2-v").resolve("m.onnx")));
    }

    @Test
    void theModelIsCopiedOnceAndReused(@TempDir Path dir) throws IOException {
        Path first = ModelFiles.materialize(dir, name -> new ByteArrayInputStream(new byte[] {1, 2, 3}), "v", "m.onnx");
        Path second = ModelFiles.materialize(dir, name -> {
            throw new AssertionError("must not be read again");
        }, "v", "m.onnx");
        assertEquals(first, second);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(second));
    }
}
