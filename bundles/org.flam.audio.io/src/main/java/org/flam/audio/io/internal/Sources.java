package org.flam.audio.io.internal;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioFileException.Reason;

/**
 * Opens the right decoder for a file, chosen by its content, never its name: WAV (RIFF or
 * RF64), FLAC, Ogg Vorbis or MPEG audio, after any ID3v2 tags at the start.
 */
public final class Sources {

    /** Bytes read to recognise a format: enough for two MPEG frame headers. */
    private static final int HEAD_BYTES = 4096;
    private static final int ID3_HEADER = 10;

    private Sources() {
    }

    /**
     * Opens a decoder over {@code file}, having read and checked its header.
     *
     * @throws AudioFileException with the reason the file cannot be decoded
     */
    public static PcmSource open(Path file) throws AudioFileException {
        FileChannel ch = FileBytes.open(file);
        try {
            long start = afterId3v2(file, ch);
            byte[] head = FileBytes.readUpTo(file, ch, start, HEAD_BYTES);
            if (start == 0 && WavHeader.sniff(head)) {
                return new WavSource(file, ch);
            }
            if (startsWith(head, "fLaC")) {
                return new FlacSource(file, ch, start);
            }
            if (start == 0 && startsWith(head, "OggS")) {
                return new VorbisSource(file, ch);
            }
            MpegHeader mpeg = MpegHeader.sniff(head);
            if (mpeg != null) {
                return new Mp3Source(file, ch, start, mpeg);
            }
            String what = startsWith(head, "RIFX") ? "big-endian (RIFX) WAV"
                    : head.length < 4 ? "too short for any audio format"
                    : "not a WAV, FLAC, Ogg Vorbis or MP3 file";
            throw new AudioFileException(file, Reason.UNSUPPORTED_FORMAT, what);
        } catch (AudioFileException | RuntimeException e) {
            FileBytes.closeQuietly(ch);
            throw e;
        }
    }

    /** Offset after the ID3v2 tags at the start of the file (0 if none). */
    private static long afterId3v2(Path file, FileChannel ch) throws AudioFileException {
        long size = FileBytes.size(file, ch);
        long pos = 0;
        while (true) {
            byte[] h = FileBytes.readUpTo(file, ch, pos, ID3_HEADER);
            if (h.length < ID3_HEADER || !startsWith(h, "ID3") || ((h[6] | h[7] | h[8] | h[9]) & 0x80) != 0) {
                return pos;
            }
            // Tag size: 4 x 7 bits ("syncsafe"), excluding the header and the optional footer.
            long tag = (h[6] & 0x7fL) << 21 | (h[7] & 0x7fL) << 14 | (h[8] & 0x7fL) << 7 | (h[9] & 0x7fL);
            pos += ID3_HEADER + tag + ((h[5] & 0x10) != 0 ? ID3_HEADER : 0);
            if (pos > size) {
                throw new AudioFileException(file, Reason.TRUNCATED, "ends inside an ID3v2 tag");
            }
            if (pos == size) {
                throw new AudioFileException(file, Reason.EMPTY, "an ID3v2 tag and no audio");
            }
        }
    }

    private static boolean startsWith(byte[] b, String ascii) {
        if (b.length < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
