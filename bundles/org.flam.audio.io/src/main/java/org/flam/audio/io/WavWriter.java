package org.flam.audio.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes mono WAV files (RIFF, little-endian), atomically: the data goes to a temporary file
 * in the same folder, which then replaces {@code file} in one rename, so readers never see a
 * half-written file.
 *
 * <p>Integer encodings clip to {@code [-1, 1]} and quantise {@code x} to
 * {@code round(x * 2^(bits-1))}, limited to {@code 2^(bits-1) - 1}: the exact inverse of
 * {@link AudioReader}'s scaling, so values {@code k / 2^(bits-1)} survive a round trip
 * unchanged (and 1.0 becomes the largest code). {@link Encoding#FLOAT_32} stores the floats
 * as they are (a {@code WAVE_FORMAT_IEEE_FLOAT} file with a {@code fact} chunk).
 */
public final class WavWriter {

    /** Sample encodings. */
    public enum Encoding {
        /** 16-bit signed integer PCM. */
        PCM_16(2, 1),
        /** 24-bit signed integer PCM. */
        PCM_24(3, 1),
        /** 32-bit IEEE float. */
        FLOAT_32(4, 3);

        final int bytes;
        final int formatTag;

        Encoding(int bytes, int formatTag) {
            this.bytes = bytes;
            this.formatTag = formatTag;
        }
    }

    /** RIFF sizes are 32-bit. */
    private static final long MAX_RIFF_BYTES = 0xFFFFFFFFL;
    private static final int BLOCK_SAMPLES = 16 * 1024;

    private WavWriter() {
    }

    /**
     * Writes {@code samples} as a mono WAV file, replacing {@code file} if it exists.
     *
     * @param samples    mono samples, nominally in {@code [-1, 1]}
     * @param sampleRate Hz, {@code > 0}
     * @throws IOException              if writing or the final rename fails (the temporary
     *                                  file is deleted; {@code file} is left as it was)
     * @throws IllegalArgumentException for a rate {@code <= 0}, a non-finite sample, or a
     *                                  file beyond RIFF's 4 GiB
     */
    public static void write(Path file, float[] samples, int sampleRate, Encoding encoding) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(encoding, "encoding");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be > 0 Hz, got " + sampleRate);
        }
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw new IllegalArgumentException("samples[" + i + "] is " + samples[i]);
            }
        }
        boolean isFloat = encoding == Encoding.FLOAT_32;
        long dataBytes = (long) samples.length * encoding.bytes;
        int headerBytes = isFloat ? 58 : 44;
        if (headerBytes - 8 + dataBytes + (dataBytes & 1) > MAX_RIFF_BYTES) {
            throw new IllegalArgumentException(samples.length + " samples exceed a RIFF WAV file (4 GiB)");
        }
        Path dir = file.toAbsolutePath().getParent();
        // A unique name, created like any other file (so the umask applies): Files.createTempFile
        // would leave the finished file readable by its owner only.
        Path tmp = dir.resolve("." + file.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                out.write(header(samples.length, sampleRate, encoding, headerBytes, dataBytes));
                writeData(out, samples, encoding);
                if ((dataBytes & 1) != 0) {
                    out.write(0); // chunks are padded to an even size
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] header(int frames, int rate, Encoding encoding, int headerBytes, long dataBytes) {
        boolean isFloat = encoding == Encoding.FLOAT_32;
        ByteBuffer h = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt((int) (headerBytes - 8 + dataBytes + (dataBytes & 1))).put(ascii("WAVE"));
        h.put(ascii("fmt ")).putInt(isFloat ? 18 : 16)
                .putShort((short) encoding.formatTag)
                .putShort((short) 1) // channels
                .putInt(rate)
                .putInt(rate * encoding.bytes) // bytes per second
                .putShort((short) encoding.bytes) // block align
                .putShort((short) (8 * encoding.bytes));
        if (isFloat) {
            // Non-PCM formats carry cbSize and a fact chunk with the sample count.
            h.putShort((short) 0);
            h.put(ascii("fact")).putInt(4).putInt(frames);
        }
        h.put(ascii("data")).putInt((int) dataBytes);
        return h.array();
    }

    private static void writeData(OutputStream out, float[] samples, Encoding encoding) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(BLOCK_SAMPLES * encoding.bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < samples.length; start += BLOCK_SAMPLES) {
            b.clear();
            int end = Math.min(samples.length, start + BLOCK_SAMPLES);
            for (int i = start; i < end; i++) {
                float x = samples[i];
                switch (encoding) {
                    case PCM_16 -> b.putShort((short) quantise(x, 32768));
                    case PCM_24 -> {
                        int q = quantise(x, 8388608);
                        b.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
                    }
                    case FLOAT_32 -> b.putFloat(x);
                }
            }
            out.write(b.array(), 0, b.position());
        }
    }

    /** {@code round(clip(x) * full)} limited to {@code full - 1}. */
    private static int quantise(float x, int full) {
        double c = Math.max(-1.0, Math.min(1.0, x));
        return (int) Math.min(full - 1, Math.round(c * full));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
