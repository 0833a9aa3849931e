package org.flam.audio.io;

import static org.flam.audio.io.TestAudio.amplitude;
import static org.flam.audio.io.TestAudio.db;
import static org.flam.audio.io.TestAudio.fixture;
import static org.flam.audio.io.TestAudio.rms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.flam.api.AudioClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FLAC, Ogg Vorbis and MP3 fixtures (make-fixtures.sh: 0.5 s of tones, mono 440 Hz at
 * 0.5 and 44.1 kHz; stereo 440 Hz left and 660 Hz right at 0.8 and 48 kHz, so the mono mix
 * holds both at 0.4) decode to what was encoded.
 */
class CodecFixturesTest {

    @TempDir
    Path dir;

    @Test
    void flacIsLosslessToTheLastBit() throws Exception {
        // 24-bit mono: every decoded sample is a whole 24-bit step, and the steps hash to what
        // make-fixtures.sh recorded from sox's own samples.
        Path f = fixture(dir, "tone-mono-44k.flac");
        assertEquals(new AudioInfo(f, "flac", 44100, 1, 22050), AudioReader.probe(f));
        float[] x = AudioReader.read(f, 44100).samples();
        assertEquals(22050, x.length);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (float v : x) {
            double steps = v * 8388608.0;
            long q = Math.round(steps);
            assertEquals(q, steps, 0.0);
            sha.update(new byte[] {(byte) q, (byte) (q >> 8), (byte) (q >> 16)});
        }
        String expected;
        try (InputStream in = getClass().getResourceAsStream("tone-mono-44k.pcm24.sha256")) {
            expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
        assertEquals(expected, HexFormat.of().formatHex(sha.digest()));
        // 16-bit stereo: the mean of the two tones (sox's sine is within 0.002 of sin()),
        // each sample a whole number of half 16-bit steps (the mean of two 16-bit values).
        Path s = fixture(dir, "tone-stereo-48k.flac");
        assertEquals(new AudioInfo(s, "flac", 48000, 2, 24000), AudioReader.probe(s));
        float[] y = AudioReader.read(s, 48000).samples();
        assertEquals(24000, y.length);
        for (int i = 0; i < y.length; i++) {
            double t = (double) i / 48000;
            double tones = 0.4 * (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 660 * t));
            assertEquals(tones, y[i], 0.002, "sample " + i);
            assertEquals(Math.rint(y[i] * 65536.0), y[i] * 65536.0, 0.0, "sample " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ogg", "mp3"})
    void lossyMonoKeepsFrequencyAmplitudeAndDuration(String ext) throws Exception {
        Path f = fixture(dir, "tone-mono-44k." + ext);
        AudioInfo info = AudioReader.probe(f);
        assertEquals(44100, info.sampleRate());
        assertEquals(1, info.channels());
        AudioClip clip = AudioReader.read(f, 44100);
        float[] x = clip.samples();
        assertDuration(ext, info, x.length, 22050);
        // Measure where the tone is steady: from 0.1 s after the start (the MP3 encoder delay
        // is about 25 ms) to 0.05 s before the end of the tone.
        int from = 4410;
        int to = 22050 - 2205;
        double a440 = amplitude(x, 44100, 440, from, to);
        assertEquals(0, db(a440 / 0.5), 0.5, "440 Hz level, dB");
        // Nearly all the energy is the tone: a lossy codec adds noise 25 dB below it at most.
        double residual = Math.sqrt(Math.max(0, sq(rms(x, from, to)) - sq(a440) / 2));
        assertTrue(db(residual / a440) < -25, "noise " + db(residual / a440) + " dB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ogg", "mp3"})
    void lossyStereoMixesBothChannels(String ext) throws Exception {
        Path f = fixture(dir, "tone-stereo-48k." + ext);
        AudioInfo info = AudioReader.probe(f);
        assertEquals(48000, info.sampleRate());
        assertEquals(2, info.channels());
        float[] x = AudioReader.read(f, 48000).samples();
        assertDuration(ext, info, x.length, 24000);
        int from = 4800;
        int to = 24000 - 2400;
        assertEquals(0, db(amplitude(x, 48000, 440, from, to) / 0.4), 0.5, "440 Hz (left) level, dB");
        assertEquals(0, db(amplitude(x, 48000, 660, from, to) / 0.4), 0.5, "660 Hz (right) level, dB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flac", "ogg", "mp3"})
    void resampledTo16kHzKeepsTheTone(String ext) throws Exception {
        Path f = fixture(dir, "tone-mono-44k." + ext);
        AudioClip clip = AudioReader.read(f, 16000);
        assertEquals(16000, clip.sampleRate());
        float[] x = clip.samples();
        assertEquals(0.5, x.length / 16000.0, ext.equals("mp3") ? 0.1 : 1e-4, "duration, s");
        assertEquals(0, db(amplitude(x, 16000, 440, 1600, 7200) / 0.5), 0.5, "440 Hz level, dB");
    }

    /** Vorbis ends at its exact length; MP3 adds the encoder's delay and padding (under 3 frames). */
    private static void assertDuration(String ext, AudioInfo info, int samples, int encoded) {
        if (ext.equals("ogg")) {
            assertEquals(encoded, info.frames());
            assertEquals(encoded, samples);
        } else {
            assertEquals(-1, info.frames());
            assertTrue(samples >= encoded && samples <= encoded + 3 * 1152, samples + " samples");
        }
    }

    private static double sq(double x) {
        return x * x;
    }
}
