package org.flam.audio.io.internal;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioFileException.Reason;

/**
 * A WAV file's header: RIFF or RF64 (the 64-bit variant for files over 4 GiB), format
 * {@code WAVE_FORMAT_PCM} (1), {@code WAVE_FORMAT_IEEE_FLOAT} (3) or
 * {@code WAVE_FORMAT_EXTENSIBLE} (0xFFFE) with a PCM or float sub-format; little-endian.
 *
 * @param channels       interleaved channels, 1 to {@link Limits#MAX_CHANNELS}
 * @param sampleRate     Hz
 * @param isFloat        IEEE float samples, else signed integers (unsigned for 8-bit)
 * @param bytesPerSample container size of one sample: 1-4 for integers, 4 or 8 for float
 * @param dataOffset     byte offset of the first sample in the file
 * @param frames         samples per channel in the data chunk
 */
record WavHeader(int channels, int sampleRate, boolean isFloat, int bytesPerSample, long dataOffset, long frames) {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** The last 14 bytes of every KSDATAFORMAT_SUBTYPE GUID ({@code xxxxxxxx-0000-0010-8000-00aa00389b71}). */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
        (byte) 0xaa, 0x00, 0x38, (byte) 0x9b, 0x71};
    private static final long RF64_PLACEHOLDER = 0xFFFFFFFFL;

    /** Bytes per frame (one sample of every channel). */
    int blockAlign() {
        return channels * bytesPerSample;
    }

    /** The {@link org.flam.audio.io.AudioInfo#format()} name, e.g. {@code wav/pcm16}. */
    String formatName() {
        return "wav/" + (isFloat ? "float" : "pcm") + 8 * bytesPerSample;
    }

    /** Whether the first 12 bytes are a RIFF or RF64 WAVE header. */
    static boolean sniff(byte[] head) {
        return head.length >= 12 && (startsWith(head, 0, "RIFF") || startsWith(head, 0, "RF64"))
                && startsWith(head, 8, "WAVE");
    }

    /**
     * Parses the header: walks the chunks up to {@code data}, skipping any it does not need.
     *
     * @throws AudioFileException TRUNCATED when the file ends before the data chunk or
     *                            before the data chunk's declared end; EMPTY for an empty data
     *                            chunk; NO_CHANNELS, TOO_LARGE, UNSUPPORTED_FORMAT or CORRUPT
     *                            for a format chunk that says so
     */
    static WavHeader parse(Path file, FileChannel ch) throws AudioFileException {
        long size = FileBytes.size(file, ch);
        ByteBuffer riff = FileBytes.readFully(file, ch, 0, 12);
        boolean rf64 = riff.get(0) == 'R' && riff.get(1) == 'F';
        long rf64DataSize = -1;
        ByteBuffer fmt = null;
        long pos = 12;
        while (true) {
            if (pos + 8 > size) {
                throw new AudioFileException(file, Reason.TRUNCATED,
                        fmt == null ? "no format chunk" : "no data chunk");
            }
            ByteBuffer chunk = FileBytes.readFully(file, ch, pos, 8);
            String id = id(chunk);
            long chunkSize = Integer.toUnsignedLong(chunk.getInt(4));
            long body = pos + 8;
            switch (id) {
                case "ds64" -> {
                    if (chunkSize < 24) {
                        throw new AudioFileException(file, Reason.CORRUPT, "ds64 chunk of " + chunkSize + " bytes");
                    }
                    rf64DataSize = FileBytes.readFully(file, ch, body, 16).getLong(8);
                }
                case "fmt " -> {
                    if (chunkSize < 16) {
                        throw new AudioFileException(file, Reason.CORRUPT, "format chunk of " + chunkSize + " bytes");
                    }
                    fmt = FileBytes.readFully(file, ch, body, (int) Math.min(chunkSize, 40));
                }
                case "data" -> {
                    if (fmt == null) {
                        throw new AudioFileException(file, Reason.CORRUPT, "data chunk before the format chunk");
                    }
                    long dataSize = chunkSize;
                    if (rf64 && chunkSize == RF64_PLACEHOLDER) {
                        if (rf64DataSize < 0) {
                            throw new AudioFileException(file, Reason.CORRUPT, "RF64 file without a ds64 chunk");
                        }
                        dataSize = rf64DataSize;
                    }
                    return build(file, fmt, body, dataSize, size);
                }
                default -> {
                    // LIST, fact, bext, cue, JUNK ...: not needed to decode.
                }
            }
            // Chunks are padded to an even size. pos only grows: the walk ends at the file end.
            pos = body + chunkSize + (chunkSize & 1);
        }
    }

    private static WavHeader build(Path file, ByteBuffer fmt, long dataOffset, long dataSize, long fileSize)
            throws AudioFileException {
        int tag = Short.toUnsignedInt(fmt.getShort(0));
        int channels = Short.toUnsignedInt(fmt.getShort(2));
        long rate = Integer.toUnsignedLong(fmt.getInt(4));
        int blockAlign = Short.toUnsignedInt(fmt.getShort(12));
        int bits = Short.toUnsignedInt(fmt.getShort(14));
        Limits.check(file, channels, rate);
        if (tag == FORMAT_EXTENSIBLE) {
            if (fmt.limit() < 40 || Short.toUnsignedInt(fmt.getShort(16)) < 22) {
                throw new AudioFileException(file, Reason.CORRUPT, "extensible format chunk too short");
            }
            tag = Short.toUnsignedInt(fmt.getShort(24));
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (fmt.get(26 + i) != GUID_TAIL[i]) {
                    throw new AudioFileException(file, Reason.UNSUPPORTED_FORMAT, "unknown extensible sub-format");
                }
            }
        }
        boolean isFloat;
        if (tag == FORMAT_PCM) {
            isFloat = false;
            if (bits == 0) {
                throw new AudioFileException(file, Reason.CORRUPT, "0 bits per sample");
            }
            if (bits > 32) {
                throw new AudioFileException(file, Reason.TOO_LARGE, bits + "-bit integer samples, at most 32");
            }
        } else if (tag == FORMAT_FLOAT) {
            isFloat = true;
            if (bits != 32 && bits != 64) {
                throw new AudioFileException(file, Reason.UNSUPPORTED_FORMAT, bits + "-bit float samples");
            }
        } else {
            throw new AudioFileException(file, Reason.UNSUPPORTED_FORMAT,
                    String.format("WAV format tag 0x%04x (only PCM and IEEE float are decoded)", tag));
        }
        // Integer samples narrower than their container (12 bits in 2 bytes, 20 in 3) are
        // left-justified, so reading the whole container gives the right value.
        int bytesPerSample = (bits + 7) / 8;
        if (blockAlign != channels * bytesPerSample) {
            throw new AudioFileException(file, Reason.CORRUPT,
                    "block align " + blockAlign + " bytes for " + channels + " x " + bits + " bits");
        }
        if (dataOffset + dataSize > fileSize) {
            throw new AudioFileException(file, Reason.TRUNCATED,
                    "data chunk declares " + dataSize + " bytes, the file holds " + (fileSize - dataOffset));
        }
        // A partial frame at the end carries no complete sample instant: ignore it.
        long frames = dataSize / blockAlign;
        if (frames == 0) {
            throw new AudioFileException(file, Reason.EMPTY, "no samples in the data chunk");
        }
        return new WavHeader(channels, (int) rate, isFloat, bytesPerSample, dataOffset, frames);
    }

    private static String id(ByteBuffer chunk) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (chunk.get(i) & 0xff);
        }
        return new String(c);
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
