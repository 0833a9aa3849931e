package org.flam.detect.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;

import org.flam.api.SampleStream;
import org.flam.audio.io.Resampler;

/**
 * The encoder's windows of a recording, read from a stream one at a time: window {@code w}
 * holds samples {@code [w H, w H + L)} of the recording at the encoder's rate ({@code H} the
 * hop, {@code L} the clip length), zeros past its end. The stream is resampled as it is read
 * ({@link Resampler}'s streaming form, whose output equals its one-shot form), so memory is one
 * window, one chunk of input and the resampler's history, whatever the recording's length.
 *
 * <p>Every input sample is checked to be finite and in {@code [-1, 1]}; a detection that runs
 * on a thread that is interrupted stops at the next window ({@link InterruptedIOException}).
 * Not thread-safe.
 */
final class WindowReader {

    /** Input samples read from the stream at a time. */
    private static final int CHUNK = 16 * 1024;
    private static final float[] NONE = new float[0];

    private final String id;
    private final SampleStream in;
    private final Resampler resampler;
    private final int hop;
    private final float[] window;
    private final float[] chunk = new float[CHUNK];
    private float[] pending = NONE;
    private int pendingPos;
    private boolean sourceEnded;
    private boolean ended;
    private long inputSamples;
    private long samplesRead;

    /**
     * Reads the first window.
     *
     * @param id          the recording's name, for error messages
     * @param in          the recording, at any rate; not closed here
     * @param rate        the encoder's rate, Hz
     * @param clipSamples {@code L}
     * @param hopSamples  {@code H}, {@code 1 <= H <= L}
     */
    WindowReader(String id, SampleStream in, int rate, int clipSamples, int hopSamples) throws IOException {
        if (hopSamples < 1 || hopSamples > clipSamples) {
            throw new IllegalArgumentException("hop must be in [1, " + clipSamples + "], got " + hopSamples);
        }
        this.id = id;
        this.in = in;
        this.resampler = in.sampleRate() == rate ? null : new Resampler(in.sampleRate(), rate);
        this.hop = hopSamples;
        this.window = new float[clipSamples];
        fill(0, clipSamples);
    }

    /** The current window, {@code float[L]}; owned by this reader, valid until {@link #advance}. */
    float[] window() {
        return window;
    }

    /** Samples of the recording at the encoder's rate read so far (all of them at the end). */
    long samplesRead() {
        return samplesRead;
    }

    /** Whether the recording has samples beyond those read so far. */
    boolean hasMore() throws IOException {
        while (pendingPos == pending.length && !ended) {
            refill();
        }
        return pendingPos < pending.length;
    }

    /** Moves to the next window: {@code H} samples later. */
    void advance() throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("detection of " + id + " was interrupted");
        }
        System.arraycopy(window, hop, window, 0, window.length - hop);
        Arrays.fill(window, window.length - hop, window.length, 0f);
        fill(window.length - hop, hop);
    }

    private void fill(int offset, int length) throws IOException {
        while (length > 0 && hasMore()) {
            int n = Math.min(length, pending.length - pendingPos);
            System.arraycopy(pending, pendingPos, window, offset, n);
            pendingPos += n;
            offset += n;
            length -= n;
            samplesRead += n;
        }
    }

    private void refill() throws IOException {
        pendingPos = 0;
        if (sourceEnded) {
            pending = NONE;
            ended = true;
            return;
        }
        int got = in.read(chunk, 0, chunk.length);
        if (got < 0) {
            sourceEnded = true;
            pending = resampler == null ? NONE : resampler.flush();
            ended = pending.length == 0;
            return;
        }
        if (got == 0) {
            throw new IOException(id + ": the audio stream returned no samples without ending");
        }
        for (int i = 0; i < got; i++) {
            float x = chunk[i];
            if (!(x >= -1f && x <= 1f)) {
                throw new IllegalArgumentException(id + ": sample " + (inputSamples + i)
                        + " must be finite and in [-1, 1], got " + x);
            }
        }
        inputSamples += got;
        pending = resampler == null ? Arrays.copyOf(chunk, got) : resampler.process(chunk, 0, got);
    }
}
