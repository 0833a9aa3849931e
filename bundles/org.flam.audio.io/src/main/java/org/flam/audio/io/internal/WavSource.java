package org.flam.audio.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioFileException.Reason;
import org.flam.audio.io.AudioInfo;

/**
 * WAV decoded by this bundle itself (see {@link WavHeader}): reads about
 * {@value #BLOCK_BYTES} bytes at a time and mixes the channels to their mean. Integer
 * samples are scaled by {@code 1 / 2^(bits-1)} (8-bit ones are unsigned, offset 128), so
 * {@code -2^(bits-1)} maps to exactly -1.
 */
final class WavSource implements PcmSource {

    private static final int BLOCK_BYTES = 64 * 1024;
    /** Largest magnitude of a float sample passed on (see {@link #next}). */
    private static final double FLOAT_LIMIT = 1e4;

    private final Path file;
    private final FileChannel ch;
    private final WavHeader header;
    private final AudioInfo info;
    private final ByteBuffer buf;
    private long framesLeft;
    private long position;

    WavSource(Path file, FileChannel ch) throws AudioFileException {
        this.file = file;
        this.ch = ch;
        this.header = WavHeader.parse(file, ch);
        this.info = new AudioInfo(file, header.formatName(), header.sampleRate(), header.channels(), header.frames());
        int block = header.blockAlign();
        this.buf = ByteBuffer.allocate(Math.max(1, BLOCK_BYTES / block) * block).order(ByteOrder.LITTLE_ENDIAN);
        this.framesLeft = header.frames();
        this.position = header.dataOffset();
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    public float[] next() throws AudioFileException {
        if (framesLeft == 0) {
            return null;
        }
        int block = header.blockAlign();
        int frames = (int) Math.min(framesLeft, buf.capacity() / block);
        buf.clear().limit(frames * block);
        try {
            while (buf.hasRemaining()) {
                // The header was checked against the file size; a file that shrinks while
                // being read still ends in a typed error.
                if (ch.read(buf, position + buf.position()) < 0) {
                    throw new AudioFileException(file, Reason.TRUNCATED, "the file ended while it was being read");
                }
            }
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFileException(file, Reason.UNREADABLE, e.toString(), e);
        }
        buf.flip();
        position += buf.limit();
        framesLeft -= frames;
        float[] out = new float[frames];
        int channels = header.channels();
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample();
            }
            double mean = sum / channels;
            if (!Double.isFinite(mean)) {
                throw new AudioFileException(file, Reason.CORRUPT, "NaN float sample at frame "
                        + (header.frames() - framesLeft - frames + f));
            }
            out[f] = (float) mean;
        }
        return out;
    }

    /**
     * The next sample from {@link #buf}, scaled to [-1, 1) (floats as stored, within
     * {@code ±FLOAT_LIMIT}; NaN stays NaN).
     */
    private double sample() {
        if (header.isFloat()) {
            double v = header.bytesPerSample() == 4 ? buf.getFloat() : buf.getDouble();
            // Float files may exceed full scale, but beyond ±1e4 nothing is audio any more, and
            // values near the float64 limit would overflow the channel sum or float32 (to
            // infinity, then NaN in the resampler's filter sums). The bound keeps every
            // plausible overshoot for the resampler, whose output is clipped to [-1, 1].
            return v > FLOAT_LIMIT ? FLOAT_LIMIT : v < -FLOAT_LIMIT ? -FLOAT_LIMIT : v;
        }
        return switch (header.bytesPerSample()) {
            case 1 -> ((buf.get() & 0xff) - 128) / 128.0;
            case 2 -> buf.getShort() / 32768.0;
            case 3 -> ((buf.get() & 0xff) | (buf.get() & 0xff) << 8 | buf.get() << 16) / 8388608.0;
            default -> buf.getInt() / 2147483648.0;
        };
    }

    @Override
    public void close() throws AudioFileException {
        try {
            ch.close();
        } catch (IOException e) {
            throw new AudioFileException(file, Reason.UNREADABLE, e.toString(), e);
        }
    }
}
