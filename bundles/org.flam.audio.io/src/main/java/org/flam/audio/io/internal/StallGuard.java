package org.flam.audio.io.internal;

import java.nio.file.Path;

import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioFileException.Reason;

/**
 * Ends a decode loop that stops making progress. Every turn of a decoder's loop must either
 * consume input bytes or produce samples; a damaged stream that makes a decoder spin in place
 * (re-reading the same state, emitting empty blocks) is reported as {@link Reason#CORRUPT}
 * after {@value #MAX_IDLE_TURNS} idle turns instead of hanging.
 */
final class StallGuard {

    /** Idle turns allowed in a row: far more than any valid stream needs between bytes. */
    static final int MAX_IDLE_TURNS = 10_000;

    private final Path file;
    private long lastBytes = -1;
    private long lastSamples = -1;
    private int idle;

    StallGuard(Path file) {
        this.file = file;
    }

    /**
     * Records one turn of a decode loop.
     *
     * @param bytes   input bytes consumed so far
     * @param samples samples produced so far
     * @throws AudioFileException {@link Reason#CORRUPT} when neither moved for too long
     */
    void turn(long bytes, long samples) throws AudioFileException {
        if (bytes != lastBytes || samples != lastSamples) {
            lastBytes = bytes;
            lastSamples = samples;
            idle = 0;
        } else if (++idle > MAX_IDLE_TURNS) {
            throw new AudioFileException(file, Reason.CORRUPT,
                    "the decoder made no progress for " + MAX_IDLE_TURNS + " steps");
        }
    }
}
