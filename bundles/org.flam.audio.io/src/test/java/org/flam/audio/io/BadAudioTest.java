package org.flam.audio.io;

import static org.flam.audio.io.TestAudio.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.flam.audio.io.AudioFileException.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression cases found by fuzzing (the files and what each did are in
 * {@code src/test/resources/org/flam/audio/io/bad/README.md}): each now fails or decodes
 * within a bound of time and memory, with an error that names the file.
 */
class BadAudioTest {

    /** Far beyond what these files need (milliseconds); a hang meets it at once. */
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** Bytes a thread may allocate decoding one of these files: far below the gigabytes they used to. */
    private static final long ALLOCATION_BOUND = 200L << 20;

    @TempDir
    Path dir;

    @BeforeEach
    void folderOfTheFixtures() throws IOException {
        Files.createDirectories(dir.resolve("bad"));
    }

    @Test
    void flacFollowedByMp3BytesFailsInsteadOfLooping() {
        for (String name : new String[] {"flac-then-mp3-bytes-hangs.flac", "flac-0-frames-then-mp3-bytes.flac"}) {
            AudioFileException e = fails(name);
            assertEquals(Reason.CORRUPT, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("past the end"), e.getMessage());
        }
    }

    @Test
    void headersClaimingBillionsOfSamplesAllocateWhatIsDecoded() {
        for (String name : new String[] {"flac-header-claims-6e9-samples.flac", "flac-header-claims-2e9-samples.flac"}) {
            AudioFileException e = fails(name);
            assertEquals(Reason.TRUNCATED, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("48000 of"), e.getMessage());
        }
    }

    @Test
    void oggWhoseLastGranuleClaimsBillionsDecodesWhatIsThere() throws AudioFileException {
        Path f = fixture(dir, "bad/ogg-last-granule-2e9.ogg");
        long before = allocated();
        var clip = assertTimeoutPreemptively(BOUND, () -> AudioReader.read(f, 16000));
        long used = allocated() - before;
        assertTrue(used < ALLOCATION_BOUND, used + " bytes allocated");
        assertEquals(16000, AudioReader.probe(f).sampleRate());
        assertEquals(2_000_000_000L, AudioReader.probe(f).frames(), "the header's claim");
        assertEquals(48128, clip.sampleCount(), "the pages' audio: 3.0 s at the file's own 16 kHz");
    }

    @Test
    void float64NearTheLimitGivesFiniteSamples() {
        Path f = fixture(dir, "bad/wav-float64-near-max-gives-nan.wav");
        var clip = assertTimeoutPreemptively(BOUND, () -> AudioReader.read(f, 16000));
        assertTrue(clip.sampleCount() > 0);
        for (int i = 0; i < clip.sampleCount(); i++) {
            float s = clip.sample(i);
            assertTrue(s >= -1f && s <= 1f, "sample " + i + " = " + s);
        }
    }

    @Test
    void flacThatMakesTheDecoderPrintIsReportedDamaged() {
        AudioFileException e = fails("flac-decoder-prints-to-stdout.flac");
        assertEquals(Reason.CORRUPT, e.reason(), e.getMessage());
    }

    /** Reads the fixture at 16 kHz within the bounds; returns the failure. */
    private AudioFileException fails(String name) {
        Path f = fixture(dir, "bad/" + name);
        long before = allocated();
        AudioFileException e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(AudioFileException.class, () -> AudioReader.read(f, 16000)), name);
        long used = allocated() - before;
        assertTrue(used < ALLOCATION_BOUND, name + ": " + used + " bytes allocated");
        assertEquals(f, e.file());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        return e;
    }

    /**
     * Bytes allocated so far by all threads' heaps as the JVM counts them (HotSpot's
     * per-thread counters; assertTimeoutPreemptively runs the work on another thread).
     */
    private static long allocated() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            sum += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return sum;
    }
}
