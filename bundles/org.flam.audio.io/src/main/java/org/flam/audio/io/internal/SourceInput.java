package org.flam.audio.io.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The file's bytes as a decoder reads them: counts them (the progress check in
 * {@link StallGuard} needs that) and remembers whether the disk itself failed, so an
 * {@link IOException} thrown by a decoder can be told apart from one the disk raised.
 */
final class SourceInput extends FilterInputStream {

    private long count;
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

    @Override
    public boolean markSupported() {
        return false;
    }
}
