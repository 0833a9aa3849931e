package org.flam.audio.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A recording that cannot be read, with the file and the reason. Never thrown for I/O
 * trouble of the disk itself only (that is a plain {@link IOException} cause).
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
        /** The file cannot be opened (missing, a directory, no permission). */
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
