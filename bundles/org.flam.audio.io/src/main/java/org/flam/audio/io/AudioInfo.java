package org.flam.audio.io;

import java.nio.file.Path;

/**
 * What a recording's header says, before decoding.
 *
 * @param file            the file
 * @param format          container and encoding, e.g. {@code "wav/pcm16"}, {@code "flac"}, {@code "ogg/vorbis"}, {@code "mp3"}
 * @param sampleRate      native sample rate, Hz
 * @param channels        native channel count, at least 1
 * @param frames          samples per channel, or -1 when the header does not say (some MP3 and Ogg files)
 */
public record AudioInfo(Path file, String format, int sampleRate, int channels, long frames) {

    /** Duration in seconds, or {@code NaN} when {@link #frames()} is unknown. */
    public double durationSeconds() {
        return frames < 0 ? Double.NaN : (double) frames / sampleRate;
    }
}
