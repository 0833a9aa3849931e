package org.flam.api;

import java.io.IOException;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A mono recording read piece by piece: samples in {@code [-1, 1]} at a fixed rate, in order,
 * until the end. What detection consumes when a recording must not be held in memory whole
 * (hours-long files, batches of many files): the reader needs only its current window.
 *
 * <p>Implemented by decoders (the audio bundle's {@code AudioStream}) and by callers that
 * produce audio themselves; {@link #of(AudioClip)} wraps a clip already in memory. Not
 * thread-safe.
 */
@ConsumerType
public interface SampleStream extends AutoCloseable {

    /** Samples per second of what {@link #read} returns, Hz, {@code > 0}. */
    int sampleRate();

    /**
     * Reads up to {@code length} samples into {@code buffer[offset, offset + length)}. Blocks
     * until at least one sample is available or the recording ends.
     *
     * @return the number of samples written, at least 1 when {@code length > 0}; 0 when
     *         {@code length == 0}; -1 at the end of the recording
     * @throws IOException if the source turns out to be damaged or unreadable partway
     * @throws IndexOutOfBoundsException if the range does not fit in {@code buffer}
     */
    int read(float[] buffer, int offset, int length) throws IOException;

    /** Releases the source. Idempotent. */
    @Override
    void close() throws IOException;

    /**
     * The samples of a clip as a stream (no copy beyond the clip's own).
     *
     * @param clip the recording
     * @return a stream at {@code clip.sampleRate()} that ends after {@code clip.sampleCount()}
     *         samples
     */
    static SampleStream of(AudioClip clip) {
        Objects.requireNonNull(clip, "clip");
        return new SampleStream() {
            private int position;

            @Override
            public int sampleRate() {
                return clip.sampleRate();
            }

            @Override
            public int read(float[] buffer, int offset, int length) {
                Objects.checkFromIndexSize(offset, length, buffer.length);
                if (length == 0) {
                    return 0;
                }
                int n = Math.min(length, clip.sampleCount() - position);
                if (n <= 0) {
                    return -1;
                }
                clip.copyTo(position, buffer, offset, n);
                position += n;
                return n;
            }

            @Override
            public void close() {
                // Nothing to release: the clip is the caller's.
            }
        };
    }
}
