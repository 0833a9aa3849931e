package org.flam.audio.io.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioFileException.Reason;
import org.flam.audio.io.AudioInfo;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;

/**
 * FLAC decoded by jflac's {@link FLACDecoder}, one frame at a time.
 *
 * <p>This class reads the metadata blocks itself and hands jflac only the STREAMINFO block
 * followed by the audio frames: jflac would otherwise parse every block, and a damaged
 * PICTURE or other block can ask it for arrays of any size. Strict: any error jflac reports
 * (frame CRC mismatch, lost sync, bad frame header) followed by more audio is
 * {@link Reason#CORRUPT}, where jflac alone would emit silence and carry on; a stream that
 * ends before the total sample count in STREAMINFO is {@link Reason#TRUNCATED}. Samples are
 * scaled by {@code 1 / 2^(bits-1)}.
 */
final class FlacSource implements PcmSource, FrameListener {

    private static final int STREAMINFO = 0;
    private static final int STREAMINFO_LENGTH = 34;
    private static final int INVALID_BLOCK_TYPE = 127;
    /** jflac decodes in 32-bit integers; its side-channel arithmetic overflows above 24 bits. */
    private static final int MAX_BITS = 24;

    private final Path file;
    private final FileChannel ch;
    private final AudioInfo info;
    private final int bits;
    private final long totalSamples;
    private final SourceInput input;
    private final FLACDecoder decoder;
    private final StallGuard guard;
    private String error;
    private long decoded;
    private boolean ended;

    FlacSource(Path file, FileChannel ch, long start) throws AudioFileException {
        this.file = file;
        this.ch = ch;
        long pos = start + 4;
        ByteBuffer streamInfo = null;
        boolean last = false;
        while (!last) {
            ByteBuffer h = FileBytes.readFully(file, ch, pos, 4).order(ByteOrder.BIG_ENDIAN);
            int word = h.getInt(0);
            last = word < 0;
            int type = (word >>> 24) & 0x7f;
            int length = word & 0xffffff;
            if (type == INVALID_BLOCK_TYPE || streamInfo == null && (type != STREAMINFO || length != STREAMINFO_LENGTH)) {
                throw new AudioFileException(file, Reason.CORRUPT, "bad metadata block (type " + type + ", "
                        + length + " bytes)" + (streamInfo == null ? " where STREAMINFO belongs" : ""));
            }
            if (streamInfo == null) {
                streamInfo = FileBytes.readFully(file, ch, pos + 4, STREAMINFO_LENGTH).order(ByteOrder.BIG_ENDIAN);
            }
            pos += 4 + length;
        }
        // Bytes 10-17: rate (20 bits), channels - 1 (3), bits - 1 (5), total samples (36).
        long packed = streamInfo.getLong(10);
        int rate = (int) (packed >>> 44);
        int channels = (int) ((packed >>> 41) & 0x7) + 1;
        this.bits = (int) ((packed >>> 36) & 0x1f) + 1;
        this.totalSamples = packed & 0xfffffffffL;
        Limits.check(file, channels, rate);
        if (bits < 4) {
            throw new AudioFileException(file, Reason.CORRUPT, bits + " bits per sample");
        }
        if (bits > MAX_BITS) {
            throw new AudioFileException(file, Reason.UNSUPPORTED_FORMAT, bits + "-bit FLAC (at most " + MAX_BITS + ")");
        }
        if (pos >= FileBytes.size(file, ch)) {
            throw new AudioFileException(file, totalSamples == 0 ? Reason.EMPTY : Reason.TRUNCATED, "no audio frames");
        }
        this.info = new AudioInfo(file, "flac", rate, channels, totalSamples == 0 ? -1 : totalSamples);
        this.guard = new StallGuard(file);
        try {
            ch.position(pos);
        } catch (IOException e) {
            throw new AudioFileException(file, Reason.UNREADABLE, e.toString(), e);
        }
        byte[] head = new byte[8 + STREAMINFO_LENGTH];
        head[0] = 'f';
        head[1] = 'L';
        head[2] = 'a';
        head[3] = 'C';
        head[4] = (byte) 0x80; // last metadata block, type STREAMINFO
        head[7] = STREAMINFO_LENGTH;
        streamInfo.get(0, head, 8, STREAMINFO_LENGTH);
        // The counting, end-guarding input is outermost: a SequenceInputStream answers reads
        // after its end itself, and the guard must see every one of them.
        this.input = new SourceInput(new SequenceInputStream(new ByteArrayInputStream(head),
                new BufferedInputStream(Channels.newInputStream(ch), 64 * 1024)));
        this.decoder = new FLACDecoder(input);
        decoder.addFrameListener(this);
        try {
            decoder.readMetadata();
        } catch (IOException | RuntimeException e) {
            throw FileBytes.decoderFailure(file, input, e);
        }
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    public float[] next() throws AudioFileException {
        while (!ended) {
            if (totalSamples > 0 && decoded >= totalSamples) {
                // Whatever follows the last frame (an ID3v1 tag, padding) is not audio.
                ended = true;
                break;
            }
            Frame frame;
            try {
                frame = decoder.readNextFrame();
            } catch (IOException | RuntimeException e) {
                throw FileBytes.decoderFailure(file, input, e);
            }
            guard.turn(input.count(), decoded);
            if (frame == null) {
                ended = true;
                if (input.diskFailure() != null) {
                    throw FileBytes.decoderFailure(file, input, input.diskFailure());
                }
                if (totalSamples > 0 && decoded < totalSamples) {
                    throw new AudioFileException(file, Reason.TRUNCATED,
                            "ends after " + decoded + " of " + totalSamples + " samples");
                }
                if (decoded == 0) {
                    throw new AudioFileException(file, error == null ? Reason.EMPTY : Reason.CORRUPT,
                            error == null ? "no audio frames" : error);
                }
                break;
            }
            if (error != null) {
                throw new AudioFileException(file, Reason.CORRUPT, error);
            }
            float[] out = mix(frame);
            if (out.length > 0) {
                return out;
            }
        }
        return null;
    }

    private float[] mix(Frame frame) throws AudioFileException {
        var h = frame.header;
        if (h.channels != info.channels() || h.sampleRate != info.sampleRate() || h.bitsPerSample != bits) {
            throw new AudioFileException(file, Reason.CORRUPT, "frame " + h.frameNumber + " changes the format to "
                    + h.channels + " channels, " + h.sampleRate + " Hz, " + h.bitsPerSample + " bits");
        }
        int n = h.blockSize;
        if (totalSamples > 0) {
            n = (int) Math.min(n, totalSamples - decoded);
        }
        ChannelData[] data = decoder.getChannelData();
        double scale = 1.0 / ((1L << (bits - 1)) * (double) h.channels);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            long sum = 0;
            for (int c = 0; c < h.channels; c++) {
                sum += data[c].getOutput()[i];
            }
            out[i] = (float) (sum * scale);
        }
        decoded += n;
        return out;
    }

    @Override
    public void processMetadata(Metadata metadata) {
        // Only STREAMINFO reaches jflac, and this class read it already.
    }

    @Override
    public void processFrame(Frame frame) {
        // Frames are pulled with readNextFrame(), not pushed.
    }

    @Override
    public void processError(String msg) {
        if (error == null) {
            error = msg;
        }
    }

    @Override
    public void close() throws AudioFileException {
        try {
            ch.close();
        } catch (IOException e) {
            throw new AudioFileException(file, Reason.UNREADABLE, e.toString(), e);
        }
    }
}
