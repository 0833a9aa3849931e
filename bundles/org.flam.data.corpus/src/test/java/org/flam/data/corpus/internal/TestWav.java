package org.flam.data.corpus.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes tiny mono 16-bit PCM WAV files for the tests. */
final class TestWav {

    static final int RATE = 8000;

    private TestWav() {
    }

    /**
     * Writes {@code seconds} of a sine at {@code hz} to {@code file} (creating folders), so
     * files with different {@code hz} have different bytes.
     */
    static Path write(Path file, double seconds, double hz) throws IOException {
        int n = (int) Math.round(seconds * RATE);
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(2 * RATE)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / RATE)));
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, b.array());
    }
}
