package org.flam.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.flam.audio.io.WavWriter.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void pcm16RoundTripsMultiplesOfOneStepAndClips() throws Exception {
        Path f = dir.resolve("a.wav");
        WavWriter.write(f, new float[] {0, 0.5f, -1, 3 / 32768f, 1, 2, -2, 0.6f / 32768}, 22050, Encoding.PCM_16);
        assertEquals(44 + 16, Files.size(f));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, b.getShort(20)); // WAVE_FORMAT_PCM
        assertEquals(22050, b.getInt(24));
        assertEquals(16, b.getShort(34));
        // 1 and 2 clip to the largest code 32767, -2 to -32768; 0.6 steps round to 1 step.
        short[] codes = new short[8];
        b.position(44).asShortBuffer().get(codes);
        assertArrayEquals(new short[] {0, 16384, -32768, 3, 32767, 32767, -32768, 1}, codes);
        assertArrayEquals(new float[] {0, 0.5f, -1, 3 / 32768f, 32767 / 32768f, 32767 / 32768f, -1, 1 / 32768f},
                AudioReader.read(f, 22050).samples());
    }

    @Test
    void pcm24RoundTripsMultiplesOfOneStep() throws Exception {
        Path f = dir.resolve("a.wav");
        float[] x = {0, -0.25f, 5 / 8388608f, -1, 0.75f};
        WavWriter.write(f, x, 44100, Encoding.PCM_24);
        assertEquals(44 + 15 + 1, Files.size(f)); // odd data chunk: one pad byte
        AudioInfo info = AudioReader.probe(f);
        assertEquals(new AudioInfo(f, "wav/pcm24", 44100, 1, 5), info);
        assertArrayEquals(x, AudioReader.read(f, 44100).samples());
    }

    @Test
    void float32KeepsValuesExactly() throws Exception {
        Path f = dir.resolve("a.wav");
        float[] x = TestAudio.sine(1000, 0.9, 48000, 480);
        WavWriter.write(f, x, 48000, Encoding.FLOAT_32);
        assertEquals("wav/float32", AudioReader.probe(f).format());
        assertArrayEquals(x, AudioReader.read(f, 48000).samples());
    }

    @Test
    void replacesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        Path f = dir.resolve("out.wav");
        Files.writeString(f, "old contents");
        WavWriter.write(f, new float[] {0.5f}, 8000, Encoding.PCM_16);
        assertEquals(46, Files.size(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void rejectsNonFiniteSamplesAndBadRatesWithoutTouchingTheFile() throws Exception {
        Path f = dir.resolve("out.wav");
        assertThrows(IllegalArgumentException.class,
                () -> WavWriter.write(f, new float[] {0, Float.NaN}, 8000, Encoding.PCM_16));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.write(f, new float[1], 0, Encoding.PCM_16));
        assertEquals(false, Files.exists(f));
    }
}
