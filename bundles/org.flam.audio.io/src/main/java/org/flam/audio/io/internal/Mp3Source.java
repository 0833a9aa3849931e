package org.flam.audio.io.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioFileException.Reason;
import org.flam.audio.io.AudioInfo;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.Obuffer;

/**
 * MPEG audio layers I-III decoded by JLayer ({@link Bitstream}, {@link Decoder}), one frame
 * at a time, in float: the synthesis filter's output is taken before JLayer's 16-bit
 * conversion. The output keeps the encoder's delay and padding (for LAME, about 1100
 * samples of near-silence at the start and up to a frame at the end, plus a silent frame for
 * its Info tag): an MP3 cannot say its exact length without the LAME tag, which is not read.
 * A frame that changes the sample rate or channel count, or that JLayer cannot decode, is
 * {@link Reason#CORRUPT}. A cut-off last frame is decoded as far as it goes.
 */
final class Mp3Source implements PcmSource {

    private final Path file;
    private final FileChannel ch;
    private final AudioInfo info;
    private final SourceInput input;
    private final Bitstream bitstream;
    private final Decoder decoder = new Decoder();
    private final FloatOutput output = new FloatOutput();
    private final StallGuard guard;
    private long produced;
    private boolean ended;

    Mp3Source(Path file, FileChannel ch, long start, MpegHeader first) throws AudioFileException {
        this.file = file;
        this.ch = ch;
        Limits.check(file, first.channels(), first.sampleRate());
        this.info = new AudioInfo(file, first.formatName(), first.sampleRate(), first.channels(), -1);
        this.guard = new StallGuard(file);
        try {
            ch.position(start);
        } catch (IOException e) {
            throw new AudioFileException(file, Reason.UNREADABLE, e.toString(), e);
        }
        this.input = new SourceInput(new BufferedInputStream(Channels.newInputStream(ch), 64 * 1024));
        this.bitstream = new Bitstream(input);
        decoder.setOutputBuffer(output);
    }

    @Override
    public AudioInfo info() {
        return info;
    }

    @Override
    public float[] next() throws AudioFileException {
        try {
            while (!ended) {
                guard.turn(input.count(), produced);
                Header h = bitstream.readFrame();
                if (h == null) {
                    ended = true;
                    if (input.diskFailure() != null) {
                        throw FileBytes.decoderFailure(file, input, input.diskFailure());
                    }
                    if (produced == 0) {
                        throw new AudioFileException(file, Reason.CORRUPT, "no decodable MPEG audio frame");
                    }
                    return null;
                }
                int channels = h.mode() == Header.SINGLE_CHANNEL ? 1 : 2;
                if (h.frequency() != info.sampleRate() || channels != info.channels()) {
                    throw new AudioFileException(file, Reason.CORRUPT, "a frame changes the format to "
                            + channels + " channels, " + h.frequency() + " Hz");
                }
                decoder.decodeFrame(h, bitstream);
                bitstream.closeFrame();
                float[] out = output.mix(channels);
                if (out.length > 0) {
                    produced += out.length;
                    return out;
                }
            }
            return null;
        } catch (BitstreamException | DecoderException | RuntimeException e) {
            throw FileBytes.decoderFailure(file, input, e.getCause() instanceof IOException io ? io : e);
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

    /**
     * Collects one frame's samples as JLayer's synthesis filter produces them (floats on a
     * 16-bit scale, in runs of 32 per channel), scaled to [-1, 1] without clipping.
     */
    private final class FloatOutput extends Obuffer {

        private final float[][] samples = new float[MAXCHANNELS][OBUFFERSIZE];
        private final int[] count = new int[MAXCHANNELS];

        @Override
        public void append(int channel, short value) {
            samples[channel][count[channel]++] = value / 32768f;
        }

        @Override
        public void appendSamples(int channel, float[] f) {
            float[] dst = samples[channel];
            int n = count[channel];
            for (int i = 0; i < 32; i++) {
                dst[n + i] = f[i] / 32768f;
            }
            count[channel] = n + 32;
        }

        /** The mean of the channels of the frame just decoded. */
        float[] mix(int channels) throws AudioFileException {
            int n = count[0];
            if (channels == 2 && count[1] != n) {
                throw new AudioFileException(file, Reason.CORRUPT, "channels of unequal length in a frame");
            }
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                float m = channels == 1 ? samples[0][i] : (samples[0][i] + samples[1][i]) * 0.5f;
                if (!Float.isFinite(m)) {
                    throw new AudioFileException(file, Reason.CORRUPT, "non-finite sample");
                }
                out[i] = m;
            }
            return out;
        }

        @Override
        public void clear_buffer() {
            count[0] = 0;
            count[1] = 0;
        }

        @Override
        public void write_buffer(int val) {
            // Samples are taken from the arrays after each frame.
        }

        @Override
        public void close() {
            // Nothing to release.
        }

        @Override
        public void set_stop_flag() {
            // Not a playback buffer.
        }
    }
}
