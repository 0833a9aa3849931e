package org.flam.audio.io.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioFileException.Reason;

/** Opening a recording and reading bytes at given offsets, with typed errors. */
final class FileBytes {

    private FileBytes() {
    }

    /**
     * Opens {@code file} for reading.
     *
     * @throws AudioFileException {@link Reason#UNREADABLE} if it is missing, a directory or
     *                            not readable; {@link Reason#EMPTY} if it has zero bytes
     */
    static FileChannel open(Path file) throws AudioFileException {
        if (Files.isDirectory(file)) {
            throw new AudioFileException(file, Reason.UNREADABLE, "is a directory");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new AudioFileException(file, Reason.UNREADABLE, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new AudioFileException(file, Reason.UNREADABLE, "permission denied", e);
        } catch (IOException | SecurityException e) {
            throw new AudioFileException(file, Reason.UNREADABLE, e.toString(), e);
        }
        try {
            if (ch.size() == 0) {
                throw new AudioFileException(file, Reason.EMPTY, "zero bytes");
            }
            return ch;
        } catch (IOException e) {
            closeQuietly(ch);
            throw e instanceof AudioFileException afe ? afe
                    : new AudioFileException(file, Reason.UNREADABLE, e.toString(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /**
     * Reads {@code length} bytes at {@code position}, little-endian.
     *
     * @throws AudioFileException {@link Reason#TRUNCATED} if the file ends first,
     *                            {@link Reason#UNREADABLE} if the disk fails
     */
    static ByteBuffer readFully(Path file, FileChannel ch, long position, int length) throws AudioFileException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (buf.hasRemaining()) {
                if (ch.read(buf, position + buf.position()) < 0) {
                    throw new AudioFileException(file, Reason.TRUNCATED,
                            "ends at byte " + (position + buf.position()) + ", expected "
                                    + (position + length), new EOFException());
                }
            }
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFileException(file, Reason.UNREADABLE, e.toString(), e);
        }
        return buf.flip();
    }

    /** Reads up to {@code length} bytes at {@code position}: fewer only at the end of the file. */
    static byte[] readUpTo(Path file, FileChannel ch, long position, int length) throws AudioFileException {
        try {
            long available = Math.max(0, ch.size() - position);
            return readFully(file, ch, position, (int) Math.min(length, available)).array();
        } catch (IOException e) {
            throw e instanceof AudioFileException afe ? afe
                    : new AudioFileException(file, Reason.UNREADABLE, e.toString(), e);
        }
    }

    /** The file's size in bytes. */
    static long size(Path file, FileChannel ch) throws AudioFileException {
        try {
            return ch.size();
        } catch (IOException e) {
            throw new AudioFileException(file, Reason.UNREADABLE, e.toString(), e);
        }
    }

    /**
     * The exception to report when a third-party decoder failed: the disk's own failure is
     * {@link Reason#UNREADABLE}, an early end of data {@link Reason#TRUNCATED}, anything else
     * the decoder threw (including runtime exceptions such as an index out of bounds on
     * garbage) {@link Reason#CORRUPT}.
     */
    static AudioFileException decoderFailure(Path file, SourceInput in, Throwable t) {
        if (t instanceof AudioFileException afe) {
            return afe;
        }
        if (in != null && in.diskFailure() != null) {
            return new AudioFileException(file, Reason.UNREADABLE, in.diskFailure().toString(), in.diskFailure());
        }
        if (t instanceof SourceInput.ReadPastEnd) {
            return new AudioFileException(file, Reason.CORRUPT, t.getMessage());
        }
        if (t instanceof EOFException) {
            return new AudioFileException(file, Reason.TRUNCATED, "the stream ends inside a frame", t);
        }
        return new AudioFileException(file, Reason.CORRUPT, t.toString(), t);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing a read-only file after another failure: the first failure is the news.
        }
    }
}
