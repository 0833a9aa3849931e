package org.flam.audio.io.internal;

import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioInfo;

/**
 * One decoder over one file: mono samples at the file's own rate, one decoded block at a
 * time (a WAV read buffer, a FLAC frame, an MP3 frame, a Vorbis packet).
 */
public interface PcmSource extends AutoCloseable {

    /** What the header says. */
    AudioInfo info();

    /**
     * The next block of mono samples (mean of the channels) at {@code info().sampleRate()},
     * every one finite; a new array owned by the caller, never empty.
     *
     * @return the block, or {@code null} at the end of the recording
     * @throws AudioFileException if the data is damaged or ends early; the source is then
     *                            unusable
     */
    float[] next() throws AudioFileException;

    /** Releases the file. Idempotent. */
    @Override
    void close() throws AudioFileException;
}
