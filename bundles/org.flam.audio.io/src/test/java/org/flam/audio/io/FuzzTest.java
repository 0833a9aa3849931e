package org.flam.audio.io;

import static org.flam.audio.io.TestAudio.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.flam.audio.io.AudioFileException.Reason;
import org.flam.audio.io.WavWriter.Encoding;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged files never crash or hang a decoder: {@value #MUTANTS} seeded mutations of each
 * valid file (bytes flipped, cut short, garbage inserted, a range deleted) must each decode
 * or fail with an {@link AudioFileException}, within {@value #SECONDS_PER_FILE} s.
 */
class FuzzTest {

    private static final int MUTANTS = 200;
    private static final int SECONDS_PER_FILE = 10;

    @TempDir
    Path dir;

    static Stream<String> files() {
        return Stream.concat(Stream.of("pcm16.wav", "float32.wav"), Stream.of(TestAudio.FIXTURES));
    }

    @ParameterizedTest
    @MethodSource("files")
    void mutantsDecodeOrFailWithATypedError(String name) throws Exception {
        byte[] valid = Files.readAllBytes(source(name));
        Random random = new Random(name.hashCode());
        Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
        int decoded = 0;
        for (int i = 0; i < MUTANTS; i++) {
            Path f = dir.resolve(i + "-" + name);
            Files.write(f, mutate(valid, random));
            Reason reason = assertTimeoutPreemptively(Duration.ofSeconds(SECONDS_PER_FILE), () -> decode(f),
                    () -> "decoding " + f + " hung");
            if (reason == null) {
                decoded++;
            } else {
                reasons.merge(reason, 1, Integer::sum);
            }
            Files.delete(f);
        }
        assertEquals(MUTANTS, decoded + reasons.values().stream().mapToInt(Integer::intValue).sum());
        // Damage must be noticed: most mutants of a checksummed or length-declaring format fail.
        assertTrue(!reasons.isEmpty(), name + ": no mutant was refused; decoded " + decoded);
    }

    /** Decodes through the streaming API; null when it succeeds, else the reason. */
    private static Reason decode(Path f) {
        try (AudioStream s = AudioReader.open(f, 16000)) {
            float[] buf = new float[4096];
            while (s.read(buf, 0, buf.length) >= 0) {
                for (float v : buf) {
                    if (!(v >= -1 && v <= 1)) {
                        throw new AssertionError("sample " + v + " from " + f);
                    }
                }
            }
            return null;
        } catch (AudioFileException e) {
            if (!e.getMessage().contains(f.toString())) {
                throw new AssertionError("message does not name the file: " + e.getMessage());
            }
            return e.reason();
        }
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                for (int k = 0; k < flips; k++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 2 -> {
                int at = random.nextInt(b.length);
                byte[] junk = new byte[1 + random.nextInt(64)];
                random.nextBytes(junk);
                byte[] c = new byte[b.length + junk.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(junk, 0, c, at, junk.length);
                System.arraycopy(b, at, c, at + junk.length, b.length - at);
                b = c;
            }
            default -> {
                int at = random.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + random.nextInt(256));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                b = c;
            }
        }
        return b;
    }

    private Path source(String name) throws IOException {
        if (name.endsWith(".wav")) {
            Path f = dir.resolve("valid-" + name);
            Encoding e = name.startsWith("pcm") ? Encoding.PCM_16 : Encoding.FLOAT_32;
            WavWriter.write(f, TestAudio.sine(440, 0.5, 22050, 11025), 22050, e);
            return f;
        }
        return fixture(dir, name);
    }
}
