package org.flam.audio.io;

import static org.flam.audio.io.TestAudio.ascii;
import static org.flam.audio.io.TestAudio.le;
import static org.flam.audio.io.TestAudio.wav;
import static org.flam.audio.io.TestAudio.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.flam.api.AudioClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAV files written byte by byte here, read back against values computed by hand. */
class WavReadTest {

    private static final int RATE = 8000;

    @TempDir
    Path dir;

    @Test
    void pcm8IsUnsignedWithOffset128() throws Exception {
        Path f = write(dir, "a.wav", wav(1, 1, RATE, 8, new byte[] {0, 64, (byte) 128, (byte) 192, (byte) 255}));
        assertEquals(new AudioInfo(f, "wav/pcm8", RATE, 1, 5), AudioReader.probe(f));
        assertArrayEquals(new float[] {-1, -0.5f, 0, 0.5f, 127 / 128f}, AudioReader.read(f, RATE).samples());
    }

    @Test
    void pcm16() throws Exception {
        Path f = write(dir, "a.wav", wav(1, 1, RATE, 16, le(2, -32768, -16384, 0, 1, 16384, 32767)));
        assertEquals("wav/pcm16", AudioReader.probe(f).format());
        assertArrayEquals(new float[] {-1, -0.5f, 0, 1 / 32768f, 0.5f, 32767 / 32768f},
                AudioReader.read(f, RATE).samples());
    }

    @Test
    void pcm24() throws Exception {
        Path f = write(dir, "a.wav", wav(1, 1, RATE, 24, le(3, -8388608, -4194304, 0, 1, 4194304, 8388607)));
        assertEquals("wav/pcm24", AudioReader.probe(f).format());
        assertArrayEquals(new float[] {-1, -0.5f, 0, 1 / 8388608f, 0.5f, 8388607 / 8388608f},
                AudioReader.read(f, RATE).samples());
    }

    @Test
    void pcm32() throws Exception {
        Path f = write(dir, "a.wav", wav(1, 1, RATE, 32, le(4, Integer.MIN_VALUE, -(1 << 30), 0, 1 << 20, 1 << 30)));
        assertEquals("wav/pcm32", AudioReader.probe(f).format());
        assertArrayEquals(new float[] {-1, -0.5f, 0, 1 / 2048f, 0.5f}, AudioReader.read(f, RATE).samples());
    }

    @Test
    void float32IsClippedToUnitRange() throws Exception {
        float[] v = {0.25f, -0.75f, 1.5f, -3f, 1e-7f};
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        Path f = write(dir, "a.wav", wav(3, 1, RATE, 32, b.array()));
        assertEquals("wav/float32", AudioReader.probe(f).format());
        assertArrayEquals(new float[] {0.25f, -0.75f, 1, -1, 1e-7f}, AudioReader.read(f, RATE).samples());
    }

    @Test
    void float64() throws Exception {
        double[] v = {0.1, -0.3, 0.999999, -1};
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        Path f = write(dir, "a.wav", wav(3, 1, RATE, 64, b.array()));
        assertEquals("wav/float64", AudioReader.probe(f).format());
        assertArrayEquals(new float[] {0.1f, -0.3f, 0.999999f, -1}, AudioReader.read(f, RATE).samples());
    }

    @Test
    void channelsAreMixedToTheirMean() throws Exception {
        // frames (L, R): (16384, 0), (-32768, 32767), (8192, 8192)
        Path f = write(dir, "st.wav", wav(1, 2, RATE, 16, le(2, 16384, 0, -32768, 32767, 8192, 8192)));
        AudioInfo info = AudioReader.probe(f);
        assertEquals(2, info.channels());
        assertEquals(3, info.frames());
        assertArrayEquals(new float[] {0.25f, -0.5f / 32768f, 0.25f}, AudioReader.read(f, RATE).samples());
    }

    @Test
    void extensibleWith24BitsInA32BitContainerAndAnOddChunkBeforeIt() throws Exception {
        byte[] data = le(4, 0x40000000L, 0xC0000000L); // 0.5, -0.5 (24 valid bits, left-justified)
        ByteBuffer b = ByteBuffer.allocate(12 + 12 + 48 + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WAVE"));
        b.put(ascii("LIST")).putInt(3).put(new byte[] {1, 2, 3, 0}); // odd size: one pad byte
        b.put(ascii("fmt ")).putInt(40).putShort((short) 0xFFFE).putShort((short) 1).putInt(RATE)
                .putInt(RATE * 4).putShort((short) 4).putShort((short) 32)
                .putShort((short) 22).putShort((short) 24).putInt(4)
                .put(le(2, 1)).put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
                    (byte) 0xaa, 0x00, 0x38, (byte) 0x9b, 0x71});
        b.put(ascii("data")).putInt(data.length).put(data);
        Path f = write(dir, "ext.wav", b.array());
        assertEquals("wav/pcm32", AudioReader.probe(f).format());
        assertArrayEquals(new float[] {0.5f, -0.5f}, AudioReader.read(f, RATE).samples());
    }

    @Test
    void rf64TakesTheDataSizeFromDs64() throws Exception {
        byte[] data = le(2, 16384, -16384, 0);
        ByteBuffer b = ByteBuffer.allocate(12 + 36 + 24 + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RF64")).putInt(-1).put(ascii("WAVE"));
        b.put(ascii("ds64")).putInt(28).putLong(b.capacity() - 8).putLong(data.length).putLong(3).putInt(0);
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE)
                .putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt(-1).put(data);
        Path f = write(dir, "rf64.wav", b.array());
        assertEquals(3, AudioReader.probe(f).frames());
        assertArrayEquals(new float[] {0.5f, -0.5f, 0}, AudioReader.read(f, RATE).samples());
    }

    @Test
    void clipIdIsTheFileNameAndDurationFollowsTheRate() throws Exception {
        Path f = write(dir, "dog bark.wav", wav(1, 1, 16000, 16, new byte[2 * 16000]));
        AudioClip clip = AudioReader.read(f, 48000);
        assertEquals("dog bark.wav", clip.id());
        assertEquals(48000, clip.sampleRate());
        assertEquals(48000, clip.sampleCount());
        assertEquals(1.0, AudioReader.probe(f).durationSeconds());
    }
}
