package org.flam.audio.io;

import static org.flam.audio.io.TestAudio.fixture;
import static org.flam.audio.io.TestAudio.le;
import static org.flam.audio.io.TestAudio.wav;
import static org.flam.audio.io.TestAudio.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.flam.audio.io.AudioFileException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of unusable file gets its reason, and a message that names it. */
class ErrorsTest {

    @TempDir
    Path dir;

    @Test
    void emptyFile() {
        assertFails(Reason.EMPTY, write(dir, "empty.wav", new byte[0]));
    }

    @Test
    void headerWithoutSamples() {
        assertFails(Reason.EMPTY, write(dir, "nosamples.wav", wav(1, 1, 8000, 16, new byte[0])));
    }

    @Test
    void wavCutInsideItsData() {
        byte[] full = wav(1, 1, 8000, 16, new byte[2000]);
        assertFails(Reason.TRUNCATED, write(dir, "cut.wav", Arrays.copyOf(full, 1000)));
        assertFails(Reason.TRUNCATED, write(dir, "cut-header.wav", Arrays.copyOf(full, 30)));
    }

    @Test
    void zeroChannels() {
        assertFails(Reason.NO_CHANNELS, write(dir, "nochannels.wav", wav(1, 0, 8000, 16, new byte[16])));
    }

    @Test
    void absurdRatesAndChannelCounts() {
        assertFails(Reason.TOO_LARGE, write(dir, "fast.wav", wav(1, 1, 100_000_000, 16, new byte[16])));
        assertFails(Reason.TOO_LARGE, write(dir, "slow.wav", wav(1, 1, 10, 16, new byte[16])));
        assertFails(Reason.TOO_LARGE, write(dir, "wide.wav", wav(1, 1000, 8000, 16, new byte[2000])));
        assertFails(Reason.TOO_LARGE, write(dir, "deep.wav", wav(1, 1, 8000, 64, new byte[16])));
    }

    @Test
    void unsupportedEncodings() {
        assertFails(Reason.UNSUPPORTED_FORMAT, write(dir, "alaw.wav", wav(6, 1, 8000, 8, new byte[16])));
        assertFails(Reason.UNSUPPORTED_FORMAT, write(dir, "half.wav", wav(3, 1, 8000, 16, new byte[16])));
        byte[] rifx = wav(1, 1, 8000, 16, new byte[16]);
        rifx[3] = 'X';
        assertFails(Reason.UNSUPPORTED_FORMAT, write(dir, "rifx.wav", rifx));
    }

    @Test
    void inconsistentBlockAlignIsCorrupt() {
        byte[] w = wav(1, 2, 8000, 16, new byte[16]);
        ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putShort(32, (short) 3);
        assertFails(Reason.CORRUPT, write(dir, "align.wav", w));
    }

    @Test
    void nonFiniteFloatSamplesAreCorrupt() {
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(Float.NaN).array();
        assertFails(Reason.CORRUPT, write(dir, "nan.wav", wav(3, 1, 8000, 32, data)));
    }

    @Test
    void randomBytesAreNoKnownFormat() {
        byte[] noise = new byte[10_000];
        new Random(7).nextBytes(noise);
        assertFails(Reason.UNSUPPORTED_FORMAT, write(dir, "noise.mp3", noise));
        assertFails(Reason.UNSUPPORTED_FORMAT, write(dir, "text.wav", "hello, not audio".getBytes()));
    }

    @Test
    void directoryAndMissingFileAreUnreadable() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("folder.wav"));
        assertFails(Reason.UNREADABLE, sub);
        assertFails(Reason.UNREADABLE, dir.resolve("missing.flac"));
    }

    @Test
    void id3TagWithoutAudio() {
        byte[] tag = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5};
        assertFails(Reason.EMPTY, write(dir, "tag.mp3", tag));
        assertFails(Reason.TRUNCATED, write(dir, "longtag.mp3", Arrays.copyOf(tag, 12)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tone-mono-44k.flac", "tone-stereo-48k.ogg"})
    void codecFilesCutShortAreTruncated(String name) throws Exception {
        Path f = fixture(dir, name);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length * 2 / 3));
        AudioFileException e = assertThrows(AudioFileException.class, () -> AudioReader.read(f, 16000));
        assertEquals(Reason.TRUNCATED, e.reason(), e.getMessage());
    }

    @Test
    void damagedFlacFrameIsCorrupt() throws Exception {
        Path f = fixture(dir, "tone-mono-44k.flac");
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x10; // inside an audio frame: its CRC-16 no longer matches
        Files.write(f, b);
        AudioFileException e = assertThrows(AudioFileException.class, () -> AudioReader.read(f, 44100));
        assertEquals(Reason.CORRUPT, e.reason(), e.getMessage());
    }

    @Test
    void targetRateOutsideTheLimitsIsTheCallersMistake() {
        Path f = write(dir, "ok.wav", wav(1, 1, 8000, 16, le(2, 1, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> AudioReader.open(f, 0));
        assertThrows(IllegalArgumentException.class, () -> AudioReader.read(f, 10_000_000));
    }

    /** Fails on probe, or else on read, with {@code reason} and the file's path in the message. */
    private static void assertFails(Reason reason, Path file) {
        AudioFileException e = assertThrows(AudioFileException.class, () -> {
            AudioReader.probe(file);
            AudioReader.read(file, 16000);
        });
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
