package org.flam.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3-minute 48 kHz stereo file (33 MB), written piece by piece, streamed to 16 kHz in odd
 * chunks: the count is exact and every sample matches the closed form, while the test never
 * holds more than one chunk of it.
 */
class LongFileStreamingTest {

    private static final int RATE = 48000;
    private static final int SECONDS = 180;
    private static final double F = 1000; // Hz
    private static final double A = 0.5;

    @TempDir
    Path dir;

    @Test
    void streamsAMultiMinuteFileInBoundedChunks() throws Exception {
        Path f = dir.resolve("long.wav");
        writeStereoSine(f);
        long frames = (long) RATE * SECONDS;
        try (AudioStream s = AudioReader.open(f, 16000)) {
            assertEquals(frames, s.info().frames());
            assertEquals(2, s.info().channels());
            float[] buf = new float[4093];
            long k = 0;
            double maxError = 0;
            double sumSquares = 0;
            int n;
            while ((n = s.read(buf, 0, buf.length)) > 0) {
                for (int i = 0; i < n; i++, k++) {
                    sumSquares += buf[i] * buf[i];
                    if (k > 1600 && k < frames / 3 - 1600) { // away from the cut ends
                        double expected = A * Math.sin(2 * Math.PI * F * (k % 16) / 16000);
                        maxError = Math.max(maxError, Math.abs(buf[i] - expected));
                    }
                }
            }
            assertEquals(frames / 3, k, "samples at 16 kHz");
            assertTrue(maxError < 2e-4, "max error " + maxError);
            assertEquals(A / Math.sqrt(2), Math.sqrt(sumSquares / k), 1e-4, "RMS");
        }
    }

    /** Left and right both {@code A sin(2 pi F t)}, 16-bit; one second at a time. */
    private static void writeStereoSine(Path f) throws Exception {
        long dataBytes = 4L * RATE * SECONDS;
        ByteBuffer b = ByteBuffer.allocate(4 * RATE).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f))) {
            byte[] header = TestAudio.wav(1, 2, RATE, 16, new byte[0]);
            ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(4, (int) (36 + dataBytes)).putInt(40, (int) dataBytes);
            out.write(header);
            for (int sec = 0; sec < SECONDS; sec++) {
                b.clear();
                for (int i = 0; i < RATE; i++) {
                    // 1 kHz has exactly 48 samples per period at 48 kHz
                    short v = (short) Math.round(A * 32768 * Math.sin(2 * Math.PI * F * (i % 48) / RATE));
                    b.putShort(v).putShort(v);
                }
                out.write(b.array());
            }
        }
    }
}
