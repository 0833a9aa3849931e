package org.flam.audio.io.internal;

/**
 * An MPEG-1/2/2.5 audio frame header (ISO 11172-3, 13818-3), parsed to recognise MP3 files
 * and report their format without a decoder.
 *
 * @param version    1 (MPEG-1), 2 (MPEG-2) or 25 (MPEG-2.5)
 * @param layer      1, 2 or 3
 * @param sampleRate Hz
 * @param channels   1 or 2
 * @param frameBytes length of the frame including this header, bytes
 */
record MpegHeader(int version, int layer, int sampleRate, int channels, int frameBytes) {

    private static final int[][] RATES = {{44100, 48000, 32000}, {22050, 24000, 16000}, {11025, 12000, 8000}};
    /** kbit/s by [MPEG-1 ? layer-1 : 3 + (layer == 1 ? 0 : 1)][index]. */
    private static final int[][] BITRATES = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };

    /** The {@link org.flam.audio.io.AudioInfo#format()} name: mp1, mp2 or mp3. */
    String formatName() {
        return "mp" + layer;
    }

    /**
     * Parses the 4 bytes at {@code at}.
     *
     * @return the header, or null if they are not a valid header (no sync, a reserved value,
     *         free-format or invalid bit rate)
     */
    static MpegHeader parse(byte[] b, int at) {
        if (at + 4 > b.length) {
            return null;
        }
        int h = (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
        int versionBits = (h >>> 19) & 3;
        int layerBits = (h >>> 17) & 3;
        int bitrateIndex = (h >>> 12) & 0xf;
        int rateIndex = (h >>> 10) & 3;
        if ((h >>> 21) != 0x7ff || versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15
                || rateIndex == 3) {
            return null;
        }
        int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
        int layer = 4 - layerBits;
        int rate = RATES[version == 1 ? 0 : version == 2 ? 1 : 2][rateIndex];
        int kbps = BITRATES[version == 1 ? layer - 1 : layer == 1 ? 3 : 4][bitrateIndex];
        int padding = (h >>> 9) & 1;
        int channels = ((h >>> 6) & 3) == 3 ? 1 : 2;
        int bytes;
        if (layer == 1) {
            bytes = (12 * kbps * 1000 / rate + padding) * 4;
        } else if (layer == 3 && version != 1) {
            bytes = 72 * kbps * 1000 / rate + padding;
        } else {
            bytes = 144 * kbps * 1000 / rate + padding;
        }
        return new MpegHeader(version, layer, rate, channels, bytes);
    }

    /**
     * Whether {@code head} starts with an MPEG audio frame: a valid header at 0 and, when
     * {@code head} reaches that far, a matching one right after the first frame (one valid
     * header alone is too easy to meet in other data).
     */
    static MpegHeader sniff(byte[] head) {
        MpegHeader first = parse(head, 0);
        if (first == null) {
            return null;
        }
        if (head.length < first.frameBytes + 4) {
            return first;
        }
        MpegHeader second = parse(head, first.frameBytes);
        return second != null && second.version == first.version && second.layer == first.layer
                && second.sampleRate == first.sampleRate ? first : null;
    }
}
