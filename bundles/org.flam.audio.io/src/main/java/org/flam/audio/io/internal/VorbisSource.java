package org.flam.audio.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioFileException.Reason;
import org.flam.audio.io.AudioInfo;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;

/**
 * Ogg Vorbis decoded by JOrbis (jogg pages and packets, jorbis synthesis) in float, one
 * packet at a time, without the javax.sound layer of vorbisspi (which would convert to 16-bit
 * and hide errors).
 *
 * <p>Strict: a page with a bad checksum, a lost packet or an undecodable audio packet is
 * {@link Reason#CORRUPT} (JOrbis alone skips them and leaves a gap); a stream that ends
 * without its end-of-stream page is {@link Reason#TRUNCATED}. The output stops at the last
 * page's granule position, the stream's exact length (the final packet decodes to more).
 * One logical stream only: chained or multiplexed files are {@link Reason#UNSUPPORTED_FORMAT}.
 */
final class VorbisSource implements PcmSource {

    private static final int READ_BYTES = 8192;
    /** The largest Ogg page: 27-byte header, 255 lacing values, 255 x 255 data bytes. */
    private static final int MAX_PAGE = 27 + 255 + 255 * 255;

    private final Path file;
    private final FileChannel ch;
    private final SourceInput input;
    private final StallGuard guard;
    private final SyncState sync = new SyncState();
    private final StreamState stream = new StreamState();
    private final Page page = new Page();
    private final Packet packet = new Packet();
    private final Info vorbis = new Info();
    private final DspState dsp = new DspState();
    private final Block block = new Block(dsp);
    private final float[][][] pcm = new float[1][][];
    private final int[] pcmIndex;
    private final int serial;
    private final AudioInfo info;
    private boolean inputEnded;
    private boolean lastPageRead;
    private long finalGranule = -1;
    private long produced;

    VorbisSource(Path file, FileChannel ch) throws AudioFileException {
        this.file = file;
        this.ch = ch;
        this.guard = new StallGuard(file);
        try {
            ch.position(0);
        } catch (IOException e) {
            throw new AudioFileException(file, Reason.UNREADABLE, e.toString(), e);
        }
        this.input = new SourceInput(Channels.newInputStream(ch));
        sync.init();
        if (!nextPage()) {
            throw new AudioFileException(file, Reason.TRUNCATED, "no complete Ogg page");
        }
        this.serial = page.serialno();
        stream.init(serial);
        try {
            readHeaders();
            dsp.synthesis_init(vorbis);
            block.init(dsp);
        } catch (RuntimeException e) {
            throw FileBytes.decoderFailure(file, input, e);
        }
        this.pcmIndex = new int[vorbis.channels];
        this.info = new AudioInfo(file, "ogg/vorbis", vorbis.rate, vorbis.channels, lastGranule());
    }

    /** Reads the identification, comment and setup headers (the first three packets). */
    private void readHeaders() throws AudioFileException {
        Comment comment = new Comment();
        vorbis.init();
        comment.init();
        pageIn();
        int headers = 0;
        while (headers < 3) {
            int r = stream.packetout(packet);
            if (r == 1) {
                if (headers == 1) {
                    checkCommentLengths();
                }
                if (vorbis.synthesis_headerin(comment, packet) < 0) {
                    throw headers == 0
                            ? new AudioFileException(file, Reason.UNSUPPORTED_FORMAT, "the Ogg stream is not Vorbis")
                            : new AudioFileException(file, Reason.CORRUPT, "bad Vorbis header " + (headers + 1));
                }
                if (headers == 0) {
                    // Checked before the setup header makes JOrbis allocate per channel.
                    Limits.check(file, vorbis.channels, vorbis.rate);
                }
                headers++;
            } else if (r < 0) {
                throw new AudioFileException(file, Reason.CORRUPT, "a Vorbis header packet is damaged");
            } else if (nextPage()) {
                pageIn();
            } else {
                throw new AudioFileException(file, Reason.TRUNCATED, "ends inside the Vorbis headers");
            }
        }
    }

    /**
     * JOrbis allocates the comment header's vendor string and comments at the sizes the
     * packet declares (up to 2 GiB each); refuse sizes that exceed the packet itself.
     */
    private void checkCommentLengths() throws AudioFileException {
        ByteBuffer b = ByteBuffer.wrap(packet.packet_base, packet.packet, packet.bytes).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        long pos = 7; // packet type byte and "vorbis"
        pos += 4 + u32(b, pos); // vendor string
        long comments = u32(b, pos);
        pos += 4;
        // Each turn needs 4 more bytes, so a huge count ends at the end of the packet.
        for (long i = 0; i < comments; i++) {
            pos += 4 + u32(b, pos);
        }
        if (pos > b.limit()) {
            throw new AudioFileException(file, Reason.CORRUPT, "Vorbis comment header shorter than it says");
        }
    }

    private long u32(ByteBuffer b, long pos) throws AudioFileException {
        if (pos + 4 > b.limit()) {
            throw new AudioFileException(file, Reason.CORRUPT, "Vorbis comment header shorter than it says");
        }
        return Integer.toUnsignedLong(b.getInt((int) pos));
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    public float[] next() throws AudioFileException {
        try {
            while (true) {
                guard.turn(input.count(), produced);
                int n = dsp.synthesis_pcmout(pcm, pcmIndex);
                if (n > 0) {
                    float[] out = mix(n);
                    dsp.synthesis_read(n);
                    if (out != null) {
                        return out;
                    }
                    continue;
                }
                int r = stream.packetout(packet);
                if (r == 1) {
                    if (block.synthesis(packet) != 0) {
                        throw new AudioFileException(file, Reason.CORRUPT, "undecodable Vorbis audio packet");
                    }
                    dsp.synthesis_blockin(block);
                } else if (r < 0) {
                    throw new AudioFileException(file, Reason.CORRUPT, "a Vorbis packet is missing or damaged");
                } else if (lastPageRead) {
                    return null;
                } else if (nextPage()) {
                    pageIn();
                } else {
                    throw new AudioFileException(file, Reason.TRUNCATED, "no end-of-stream page");
                }
            }
        } catch (RuntimeException e) {
            throw FileBytes.decoderFailure(file, input, e);
        }
    }

    /** The mean of the channels of the next {@code n} samples, cut at the final granule; null if all cut. */
    private float[] mix(int n) throws AudioFileException {
        if (finalGranule >= 0) {
            n = (int) Math.max(0, Math.min(n, finalGranule - produced));
        }
        if (n == 0) {
            return null;
        }
        float[][] channels = pcm[0];
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < channels.length; c++) {
                sum += channels[c][pcmIndex[c] + i];
            }
            float mean = (float) (sum / channels.length);
            if (!Float.isFinite(mean)) {
                throw new AudioFileException(file, Reason.CORRUPT, "non-finite sample");
            }
            out[i] = mean;
        }
        produced += n;
        return out;
    }

    /**
     * Reads bytes until the next complete page is in {@link #page}.
     *
     * @return false at the end of the file
     * @throws AudioFileException CORRUPT when the sync layer skipped bytes (bad checksum, garbage)
     */
    private boolean nextPage() throws AudioFileException {
        while (true) {
            int r = sync.pageout(page);
            if (r == 1) {
                return true;
            }
            if (r < 0) {
                throw new AudioFileException(file, Reason.CORRUPT, "damaged Ogg page (checksum or sync lost)");
            }
            if (inputEnded) {
                return false;
            }
            int at = sync.buffer(READ_BYTES);
            int n;
            try {
                n = input.read(sync.data, at, READ_BYTES);
            } catch (IOException e) {
                throw FileBytes.decoderFailure(file, input, e);
            }
            if (n < 0) {
                inputEnded = true;
            } else {
                sync.wrote(n);
            }
            guard.turn(input.count(), produced);
        }
    }

    private void pageIn() throws AudioFileException {
        if (page.serialno() != serial) {
            throw new AudioFileException(file, Reason.UNSUPPORTED_FORMAT, "chained or multiplexed Ogg streams");
        }
        if (stream.pagein(page) < 0) {
            throw new AudioFileException(file, Reason.CORRUPT, "an Ogg page does not fit its stream");
        }
        if (page.eos() != 0) {
            lastPageRead = true;
            finalGranule = page.granulepos();
        }
    }

    /**
     * The granule position (samples per channel) of the stream's last page, found by
     * scanning the file's tail; -1 if there is none.
     */
    private long lastGranule() throws AudioFileException {
        long size = FileBytes.size(file, ch);
        long from = Math.max(0, size - MAX_PAGE);
        ByteBuffer tail = ByteBuffer.wrap(FileBytes.readUpTo(file, ch, from, (int) (size - from)))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = tail.limit() - 27; i >= 0; i--) {
            if (tail.get(i) == 'O' && tail.get(i + 1) == 'g' && tail.get(i + 2) == 'g' && tail.get(i + 3) == 'S'
                    && tail.get(i + 4) == 0 && tail.getInt(i + 14) == serial) {
                long granule = tail.getLong(i + 6);
                if (granule >= 0) {
                    return granule;
                }
            }
        }
        return -1;
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
