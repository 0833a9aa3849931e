package org.flam.audio.io;

import org.flam.api.SampleStream;

/**
 * A recording decoded piece by piece: mono samples at the rate asked for, with memory bounded
 * by the decoder's frame and the resampler's filter, whatever the length of the file. Not
 * thread-safe. Obtained from {@link AudioReader#open}.
 *
 * <p>Samples are the mean of the file's channels, resampled to {@link #sampleRate()} and
 * clipped to {@code [-1, 1]} (float WAV files may exceed that range; a band-limited
 * resampler may overshoot it by a little near full scale). Never NaN: a decoder that
 * produces a non-finite sample fails with {@link AudioFileException.Reason#CORRUPT}.
 */
public interface AudioStream extends SampleStream {

    /** What the file's header says: its native rate, channels and length. */
    AudioInfo info();

    /** Rate of the samples {@link #read} returns, Hz (the rate asked for). */
    @Override
    int sampleRate();

    /**
     * Reads up to {@code length} mono samples into {@code buffer[offset, offset + length)}.
     * Blocks until at least one sample is decoded or the recording ends.
     *
     * @return the number of samples written, at least 1 when {@code length > 0}; 0 when
     *         {@code length == 0}; -1 at the end of the recording
     * @throws AudioFileException if the file turns out to be damaged or truncated partway
     * @throws IndexOutOfBoundsException if the range does not fit in {@code buffer}
     */
    @Override
    int read(float[] buffer, int offset, int length) throws AudioFileException;

    /** Releases the file. Idempotent. */
    @Override
    void close() throws AudioFileException;
}
