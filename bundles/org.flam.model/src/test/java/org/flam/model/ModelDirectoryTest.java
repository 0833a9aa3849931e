package org.flam.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.flam.api.ModelManifest;
import org.flam.api.graph.AudioEncoderSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    @TempDir
    Path dir;

    private static ModelManifest manifest() {
        return new ModelManifest(
                List.of(new ModelManifest.BundleRef("org.flam.nd4j", "0.1.0.SNAPSHOT"),
                        new ModelManifest.BundleRef("org.flam.text.minilm", "0.1.0.SNAPSHOT")),
                Map.of("org.flam.train", Map.of("learningRate", 0.001, "steps", 100L, "flam.name", "flam",
                        "losses.target", "(flam.name=flam)", "flag", true, "list", List.of("a", "b"))),
                42, "ab12", Instant.parse("2026-11-27T22:00:00Z"), "stage 1");
    }

    @Test
    void manifestRoundTripsExactly() throws IOException {
        ModelDirectory m = new ModelDirectory(dir);
        m.writeManifest(manifest());
        assertEquals(manifest(), m.readManifest());
        byte[] first = Files.readAllBytes(m.manifestFile());
        m.writeManifest(m.readManifest());
        assertArrayEquals(first, Files.readAllBytes(m.manifestFile()), "a rewritten manifest is byte-identical");
    }

    @Test
    void descriptionRoundTrips() throws IOException {
        ModelDirectory m = new ModelDirectory(dir);
        ModelDescription d = new ModelDescription(ModelDescription.FORMAT, "cnn",
                new AudioEncoderSpec(16_000, 512, 160, 64, 50, 8000, 10, 32, 256), "mlp", 256, "minilm", 384,
                List.of("softmax", "flam"), List.of("org.flam.nd4j", "org.flam.text.minilm"));
        m.writeDescription(d);
        assertEquals(d, m.readDescription());
        assertFalse(m.isComplete(), "no graph yet");
    }

    @Test
    void errorsNameTheFile() throws IOException {
        ModelDirectory m = new ModelDirectory(dir);
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, m::readDescription);
        assertTrue(missing.getMessage().contains("model.json"), missing.getMessage());
        Files.writeString(m.descriptionFile(), "{\"format\": \"flam-model/1\"", StandardCharsets.UTF_8);
        IOException bad = assertThrows(IOException.class, m::readDescription);
        assertTrue(bad.getMessage().contains("model.json"), bad.getMessage());
        Files.writeString(m.descriptionFile(), "{\"format\": \"flam-model/9\"}", StandardCharsets.UTF_8);
        IOException format = assertThrows(IOException.class, m::readDescription);
        assertTrue(format.getMessage().contains("flam-model/9"), format.getMessage());
    }

    @Test
    void checksumsAreSha256sumsFormatAndCatchAFlippedByte() throws IOException {
        ModelDirectory m = new ModelDirectory(dir);
        Files.write(m.graphFile(), "abc".getBytes(StandardCharsets.US_ASCII));
        Files.write(m.descriptionFile(), new byte[0]);
        m.writeManifest(manifest());
        assertFalse(m.verifyChecksums(), "no SHA256SUMS yet: nothing to verify");
        m.writeChecksums();
        List<String> lines = Files.readAllLines(m.checksumsFile());
        // FIPS 180-2, appendix B.1 ("abc") and the SHA-256 of the empty string.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  model.sd", lines.get(0));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  model.json", lines.get(1));
        assertTrue(lines.get(2).endsWith("  manifest.json"), lines.get(2));
        assertTrue(m.verifyChecksums());

        Files.write(m.graphFile(), "abd".getBytes(StandardCharsets.US_ASCII));
        IOException flipped = assertThrows(IOException.class, m::verifyChecksums);
        assertTrue(flipped.getMessage().contains("model.sd") && flipped.getMessage().contains("damaged or changed"),
                flipped.getMessage());
        Files.delete(m.graphFile());
        NoSuchFileException gone = assertThrows(NoSuchFileException.class, m::verifyChecksums);
        assertTrue(gone.getMessage().contains("model.sd"), gone.getMessage());
        Files.writeString(m.checksumsFile(), "not a checksum line\n");
        IOException malformed = assertThrows(IOException.class, m::verifyChecksums);
        assertTrue(malformed.getMessage().contains("line 1"), malformed.getMessage());
    }

    @Test
    void atomicWriteLeavesNoTemporaryFileAndKeepsTheOldOneOnFailure() throws IOException {
        Path target = dir.resolve("x.bin");
        ModelDirectory.writeAtomically(target, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> ModelDirectory.writeAtomically(target, out -> {
            out.write(9);
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }
}
