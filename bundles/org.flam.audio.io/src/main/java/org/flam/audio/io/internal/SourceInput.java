package org.flam.audio.io.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The file's bytes as a decoder reads them: counts them (the progress check in
 * {@link StallGuard} needs that), remembers whether the disk itself failed, so an
 * {@link IOException} thrown by a decoder can be told apart from one the disk raised, and
 * ends a decoder that keeps reading after the end of the file.
 *
 * <p>That last guard exists because a decoder can loop inside one call, where
 * {@link StallGuard} never gets a turn: jflac's {@code readNextFrame} swallows the
 * end-of-file while searching for a frame sync, fails the frame, and searches again, forever
 * (a FLAC stream followed by MP3 bytes does it). After {@value #MAX_READS_PAST_END} reads
 * that find the end, the next one throws {@link ReadPastEnd}, an unchecked exception that no
 * decoder catches as an end of file.
 */
final class SourceInput extends FilterInputStream {

    /** Reads at the end of the file allowed: a decoder that handles the end needs one or two. */
    static final int MAX_READS_PAST_END = 64;

    /** A decoder read the end of the file more than {@link #MAX_READS_PAST_END} times. */
    static final class ReadPastEnd extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadPastEnd() {
            super("the decoder kept reading past the end of the file (" + MAX_READS_PAST_END
                    + " times): the stream is damaged", null, false, false);
        }
    }

    private long count;
    private int readsPastEnd;
    private IOException diskFailure;

    SourceInput(InputStream in) {
        super(in);
    }

    /** Bytes delivered so far. */
    long count() {
        return count;
    }

    /** The exception the underlying stream threw, or null. */
    IOException diskFailure() {
        return diskFailure;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            if (b >= 0) {
                count++;
            } else {
                atEnd();
            }
            return b;
        } catch (IOException e) {
            diskFailure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            } else if (n < 0) {
                atEnd();
            }
            return n;
        } catch (IOException e) {
            diskFailure = e;
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            long skipped = super.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        } catch (IOException e) {
            diskFailure = e;
            throw e;
        }
    }

    private void atEnd() {
        if (++readsPastEnd > MAX_READS_PAST_END) {
            throw new ReadPastEnd();
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
