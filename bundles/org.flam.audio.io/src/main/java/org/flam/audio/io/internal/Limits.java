package org.flam.audio.io.internal;

import java.nio.file.Path;

import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioFileException.Reason;

/**
 * What a header may declare before the file is refused as absurd ({@link Reason#TOO_LARGE}).
 * The bounds are generous for real recordings and tight enough that a damaged header cannot
 * make a decoder allocate gigabytes or run for hours.
 */
public final class Limits {

    /** Lowest sample rate accepted, Hz. */
    public static final int MIN_RATE = 1_000;
    /** Highest sample rate accepted, Hz. */
    public static final int MAX_RATE = 768_000;
    /** Most channels accepted (FLAC allows 8, Vorbis 255, WAV 65535). */
    public static final int MAX_CHANNELS = 64;

    private Limits() {
    }

    /** Whether {@code rate} (Hz) is within {@code [MIN_RATE, MAX_RATE]}. */
    public static boolean rateOk(long rate) {
        return rate >= MIN_RATE && rate <= MAX_RATE;
    }

    /**
     * Checks a header's channel count and rate, in that order.
     *
     * @throws AudioFileException {@link Reason#NO_CHANNELS} for 0 channels,
     *                            {@link Reason#TOO_LARGE} beyond the limits
     */
    public static void check(Path file, long channels, long rate) throws AudioFileException {
        if (channels <= 0) {
            throw new AudioFileException(file, Reason.NO_CHANNELS, "header declares " + channels + " channels");
        }
        if (channels > MAX_CHANNELS) {
            throw new AudioFileException(file, Reason.TOO_LARGE,
                    channels + " channels, at most " + MAX_CHANNELS + " are accepted");
        }
        if (!rateOk(rate)) {
            throw new AudioFileException(file, Reason.TOO_LARGE,
                    "sample rate " + rate + " Hz outside " + MIN_RATE + "-" + MAX_RATE + " Hz");
        }
    }
}
