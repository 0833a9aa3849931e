package org.flam.audio.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

import org.flam.api.AudioClip;
import org.flam.audio.io.AudioFileException.Reason;
import org.flam.audio.io.internal.Limits;
import org.flam.audio.io.internal.PcmSource;
import org.flam.audio.io.internal.ResampledStream;
import org.flam.audio.io.internal.Sources;

/**
 * Reads recordings as mono float samples at a requested rate.
 *
 * <p>Formats, recognised by content (never by file name): WAV (RIFF or RF64; integer PCM of
 * 1-32 bits, IEEE float of 32 or 64 bits; plain or {@code WAVE_FORMAT_EXTENSIBLE}), FLAC (4-24
 * bits), Ogg Vorbis and MPEG audio layers I-III (MP3), with or without leading ID3v2 tags.
 * Mono is the mean of the channels; the rate change is {@link Resampler}'s band-limited
 * filter; samples are clipped to {@code [-1, 1]}.
 *
 * <p>Limits: 1 to 64 channels, 1 kHz to 768 kHz native rate; beyond them a file is
 * {@link Reason#TOO_LARGE}. Every failure is an {@link AudioFileException} naming the file
 * and its {@link Reason}; damaged files never hang a decoder (each decode loop must consume
 * input or produce samples to continue).
 */
public final class AudioReader {

    /** Largest Java array: longer recordings must be streamed with {@link #open}. */
    private static final long MAX_SAMPLES = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 64 * 1024;
    /** Most samples allocated before any is decoded: 2^22 (16 MB, 4.4 minutes at 16 kHz). */
    private static final int INITIAL_CAPACITY = 1 << 22;

    private AudioReader() {
    }

    /**
     * Reads and checks the header only.
     *
     * @throws AudioFileException if the file cannot be opened or its header is unusable
     */
    public static AudioInfo probe(Path file) throws AudioFileException {
        Objects.requireNonNull(file, "file");
        try (PcmSource source = Sources.open(file)) {
            return source.info();
        }
    }

    /**
     * Decodes a whole file into memory.
     *
     * @param targetRate rate of the result, Hz, within 1 kHz to 768 kHz
     * @return mono samples at {@code targetRate}; id = the file name (tabs and line breaks
     *         replaced by spaces, as a TSV cell must be)
     * @throws AudioFileException       if the file cannot be decoded, or would exceed a Java
     *                                  array ({@link Reason#TOO_LARGE}: stream it with
     *                                  {@link #open})
     * @throws IllegalArgumentException if {@code targetRate} is outside the limits
     */
    public static AudioClip read(Path file, int targetRate) throws AudioFileException {
        try (AudioStream stream = open(file, targetRate)) {
            long frames = stream.info().frames();
            long expected = frames < 0 ? -1
                    : (frames * targetRate + stream.info().sampleRate() - 1) / stream.info().sampleRate();
            // The header's length is only a hint for the first allocation, capped: a damaged
            // header can claim billions of samples in a file of a few kilobytes. Memory follows
            // what is actually decoded.
            float[] out = new float[(int) Math.min(INITIAL_CAPACITY, expected > 0 ? expected : CHUNK)];
            float[] scratch = new float[CHUNK];
            int n = 0;
            while (true) {
                boolean full = n == out.length;
                // When the header's length was right, the end shows up in the small scratch
                // array and the result needs no second, larger copy.
                int got = full ? stream.read(scratch, 0, scratch.length) : stream.read(out, n, out.length - n);
                if (got < 0) {
                    break;
                }
                if (full) {
                    if (n + (long) got > MAX_SAMPLES) {
                        throw tooLong(file, n + (long) got);
                    }
                    // Double, but not past a header length that is still ahead (it may be right).
                    long grown = Math.max(2L * n, n + (long) got);
                    if (expected >= n + (long) got) {
                        grown = Math.min(grown, expected);
                    }
                    out = Arrays.copyOf(out, (int) Math.min(MAX_SAMPLES, grown));
                    System.arraycopy(scratch, 0, out, n, got);
                }
                n += got;
            }
            if (n == 0) {
                throw new AudioFileException(file, Reason.EMPTY, "decodes to no samples");
            }
            String name = String.valueOf(file.getFileName()).replaceAll("[\\t\\r\\n]", " ");
            return new AudioClip(name, n == out.length ? out : Arrays.copyOf(out, n), targetRate);
        }
    }

    /**
     * Opens a file for streaming: memory stays bounded (one decoded block and the
     * resampler's history) whatever the file's length.
     *
     * @param targetRate rate of the stream's samples, Hz, within 1 kHz to 768 kHz
     * @throws AudioFileException       if the file cannot be opened or its header is unusable
     * @throws IllegalArgumentException if {@code targetRate} is outside the limits
     */
    public static AudioStream open(Path file, int targetRate) throws AudioFileException {
        Objects.requireNonNull(file, "file");
        if (!Limits.rateOk(targetRate)) {
            throw new IllegalArgumentException("targetRate must be within " + Limits.MIN_RATE + "-"
                    + Limits.MAX_RATE + " Hz, got " + targetRate);
        }
        return new ResampledStream(Sources.open(file), targetRate);
    }

    private static AudioFileException tooLong(Path file, long samples) {
        return new AudioFileException(file, Reason.TOO_LARGE,
                samples + " samples exceed a Java array; stream it with AudioReader.open");
    }
}
