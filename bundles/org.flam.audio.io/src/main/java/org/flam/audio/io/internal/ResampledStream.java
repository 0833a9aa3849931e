package org.flam.audio.io.internal;

import java.util.Objects;

import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioFileException.Reason;
import org.flam.audio.io.AudioInfo;
import org.flam.audio.io.AudioStream;
import org.flam.audio.io.Resampler;

/**
 * An {@link AudioStream}: a decoder's mono blocks through a streaming {@link Resampler},
 * clipped to {@code [-1, 1]}. Holds one decoded block and one resampled block at a time.
 */
public final class ResampledStream implements AudioStream {

    private static final float[] NONE = new float[0];

    private final PcmSource source;
    private final Resampler resampler;
    private float[] pending = NONE;
    private int pendingPos;
    private boolean sourceEnded;
    private boolean closed;

    /**
     * @param source     the decoder; closed with this stream
     * @param targetRate Hz
     */
    public ResampledStream(PcmSource source, int targetRate) {
        this.source = source;
        this.resampler = new Resampler(source.info().sampleRate(), targetRate);
    }

    @Override
    public AudioInfo info() {
        return source.info();
    }

    @Override
    public int sampleRate() {
        return resampler.toRate();
    }

    @Override
    public int read(float[] buffer, int offset, int length) throws AudioFileException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (closed) {
            throw new IllegalStateException("stream closed: " + source.info().file());
        }
        if (length == 0) {
            return 0;
        }
        while (pendingPos == pending.length) {
            if (sourceEnded) {
                return -1;
            }
            float[] block = source.next();
            if (block == null) {
                sourceEnded = true;
                pending = resampler.flush();
            } else {
                pending = resampler.process(block);
            }
            pendingPos = 0;
        }
        int n = Math.min(length, pending.length - pendingPos);
        for (int i = 0; i < n; i++) {
            float s = pending[pendingPos + i];
            if (s != s) {
                // Decoders check their own samples; this keeps NaN from reaching a model
                // whatever a future decoder lets through.
                throw new AudioFileException(source.info().file(), Reason.CORRUPT, "decodes to a NaN sample");
            }
            buffer[offset + i] = s > 1f ? 1f : s < -1f ? -1f : s;
        }
        pendingPos += n;
        return n;
    }

    @Override
    public void close() throws AudioFileException {
        if (!closed) {
            closed = true;
            source.close();
        }
    }
}
