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
 * Damaged files never crash or hang a decoder: {@code MUTANTS} seeded mutations of each valid
 * file (bytes flipped, cut short, garbage inserted, a range deleted, bytes of another stream
 * appended, a header field overwritten with 0xFF) must each decode or fail with an
 * {@link AudioFileException}, within {@value #SECONDS_PER_FILE} s and
 * {@value #MEGABYTES_PER_FILE} MB of allocation.
 *
 * <p>{@code MUTANTS} is 200 per file in CI; {@code -Dflam.fuzz.mutants=N} runs more, e.g.
 * {@code mvn -o test -pl bundles/org.flam.audio.io -Dtest=FuzzTest -Dflam.fuzz.mutants=1250}
 * for 10 000 mutants of the eight files.
 */
class FuzzTest {

    private static final int MUTANTS = Integer.getInteger("flam.fuzz.mutants", 200);
    private static final int SECONDS_PER_FILE = 10;
    /** Far above what a real 1-3 s file needs; a header that sizes an array by its claims fails it. */
    private static final int MEGABYTES_PER_FILE = 256;

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

    /**
     * Decodes through {@link AudioReader#read} and through the streaming API, within the
     * allocation bound; null when streaming succeeds, else its reason.
     */
    private static Reason decode(Path f) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            return decodeBoth(f);
        } finally {
            long used = threads.getCurrentThreadAllocatedBytes() - before;
            if (used > MEGABYTES_PER_FILE * (1L << 20)) {
                throw new AssertionError(f + ": decoding allocated " + (used >> 20) + " MB");
            }
        }
    }

    private static Reason decodeBoth(Path f) {
        try {
            // read() takes its first array size from the header: run for the allocation bound.
            AudioReader.read(f, 16000);
        } catch (AudioFileException e) {
            // Its reason can differ from streaming's (EMPTY for no samples); streaming is checked below.
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
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
        switch (random.nextInt(6)) {
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
            case 4 -> {
                // Bytes of another stream after this one: MPEG frame headers and noise (a FLAC
                // stream followed by MP3 bytes once made a decoder loop forever).
                byte[] tail = new byte[16 + random.nextInt(4096)];
                random.nextBytes(tail);
                for (int at = 0; at + 1 < tail.length; at += 1 + random.nextInt(417)) {
                    tail[at] = (byte) 0xFF;
                    tail[at + 1] = (byte) 0xFB;
                }
                byte[] c = Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, c, b.length, tail.length);
                b = c;
            }
            case 5 -> {
                // A length, count or rate field in the header made as large as it can be.
                int at = random.nextInt(Math.min(b.length, 64));
                int len = Math.min(b.length - at, 1 + random.nextInt(8));
                Arrays.fill(b, at, at + len, (byte) 0xFF);
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
