package org.flam.audio.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A recording that cannot be read, with the file and the reason; the message starts with the
 * file's path. A failure of the disk itself is {@link Reason#UNREADABLE} with the
 * {@link IOException} as its cause; an exception a third-party decoder threw on damaged data
 * is the cause of a {@link Reason#CORRUPT} one.
 */
public final class AudioFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why a file could not be read. */
    public enum Reason {
        /** No audio at all: zero bytes, or a valid header with zero samples. */
        EMPTY,
        /** The data ends before the header says it should. */
        TRUNCATED,
        /** Not decodable: a damaged header or stream. */
        CORRUPT,
        /** The header declares zero channels. */
        NO_CHANNELS,
        /** A container or encoding this reader does not decode. */
        UNSUPPORTED_FORMAT,
        /** Absurd parameters: sample rate, channel count, bit depth or length beyond the limits. */
        TOO_LARGE,
        /** The file cannot be opened or read (missing, a directory, no permission, a disk error). */
        UNREADABLE
    }

    private final transient Path file;
    private final Reason reason;

    public AudioFileException(Path file, Reason reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + reason.name().toLowerCase().replace('_', ' ')
                + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"), cause);
        this.file = file;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public AudioFileException(Path file, Reason reason, String detail) {
        this(file, reason, detail, null);
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }
}
