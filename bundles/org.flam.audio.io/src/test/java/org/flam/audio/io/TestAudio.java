package org.flam.audio.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helpers: WAV files built byte by byte (independently of {@link WavWriter}), the
 * committed codec fixtures, and tone measurements.
 */
public final class TestAudio {

    /** The fixtures made by src/test/resources/make-fixtures.sh. */
    public static final String[] FIXTURES = {
        "tone-mono-44k.flac", "tone-stereo-48k.flac",
        "tone-mono-44k.ogg", "tone-stereo-48k.ogg",
        "tone-mono-44k.mp3", "tone-stereo-48k.mp3",
    };

    private TestAudio() {
    }

    /** A canonical 44-byte-header WAV: format tag, channels, rate (Hz), bits, then {@code data}. */
    public static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data) {
        int block = channels * ((bits + 7) / 8);
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + data.length).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) formatTag).putShort((short) channels)
                .putInt(rate).putInt(rate * block).putShort((short) block).putShort((short) bits);
        b.put(ascii("data")).putInt(data.length).put(data);
        return b.array();
    }

    /** Little-endian bytes of the given values, each {@code bytes} wide. */
    public static byte[] le(int bytes, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            for (int i = 0; i < bytes; i++) {
                b.put((byte) (v >> (8 * i)));
            }
        }
        return b.array();
    }

    public static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture from the test resources into {@code dir}. */
    public static Path fixture(Path dir, String name) {
        try (InputStream in = TestAudio.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return write(dir, name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code amplitude * sin(2 pi f n / rate)}, {@code n} samples. */
    public static float[] sine(double f, double amplitude, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * f * i / rate));
        }
        return x;
    }

    /**
     * Amplitude of the component at {@code f} Hz in {@code x[from, to)}, by projection on a
     * sine and a cosine (exact for a pure tone over whole periods, close otherwise).
     */
    public static double amplitude(float[] x, int rate, double f, int from, int to) {
        double s = 0;
        double c = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * f * i / rate;
            s += x[i] * Math.sin(w);
            c += x[i] * Math.cos(w);
        }
        return 2 * Math.hypot(s, c) / (to - from);
    }

    /** Root mean square of {@code x[from, to)}. */
    public static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    public static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
