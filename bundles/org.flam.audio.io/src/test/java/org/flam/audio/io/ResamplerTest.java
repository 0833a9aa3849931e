package org.flam.audio.io;

import static org.flam.audio.io.TestAudio.amplitude;
import static org.flam.audio.io.TestAudio.db;
import static org.flam.audio.io.TestAudio.rms;
import static org.flam.audio.io.TestAudio.sine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    /** The stopband figure the Javadoc and README state. */
    private static final double STOPBAND_DB = 80;

    @Test
    void sweepAboveTheNewNyquistIsAttenuatedByTheStatedStopband() {
        // 48 kHz -> 16 kHz: a linear sweep 8.2-23.9 kHz (all above the new Nyquist, 8 kHz),
        // with 50 ms raised-cosine fades so its edges add no in-band energy.
        int rate = 48000;
        int n = 3 * rate;
        int fade = rate / 20;
        double f0 = 8200;
        double f1 = 23900;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double phase = 2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2.0 * n / rate));
            double env = Math.min(1, Math.min(i, n - 1 - i) / (double) fade);
            x[i] = (float) (0.9 * Math.sin(phase) * (0.5 - 0.5 * Math.cos(Math.PI * env)));
        }
        float[] y = Resampler.resample(x, rate, 16000);
        double attenuation = db(rms(y, 0, y.length) / rms(x, 0, x.length));
        assertTrue(attenuation <= -STOPBAND_DB, "aliasing " + attenuation + " dB");
    }

    @ParameterizedTest
    @CsvSource({"48000, 16000, 1000", "48000, 16000, 7000", "44100, 16000, 7100", "16000, 48000, 7000",
        "44100, 48000, 19000", "44056, 48000, 5000", "8000, 44100, 3500"})
    void passbandSineKeepsItsAmplitudeAndPhase(int from, int to, double f) {
        int n = from; // 1 s
        float[] y = Resampler.resample(sine(f, 0.5, from, n), from, to);
        assertEquals((long) Math.ceil((double) n * to / from), y.length);
        int edge = to / 10; // away from the start and end, where the signal is cut
        double gain = db(amplitude(y, to, f, edge, y.length - edge) / 0.5);
        assertTrue(Math.abs(gain) < 0.1, "gain " + gain + " dB");
        // Zero phase, no delay: output k is the sine at time k / to.
        float[] expected = sine(f, 0.5, to, y.length);
        for (int k = edge; k < y.length - edge; k++) {
            assertEquals(expected[k], y[k], 2e-4, "sample " + k);
        }
    }

    @Test
    void upsamplingRemovesTheImages() {
        // 7 kHz at 16 kHz -> 48 kHz: the first image would be at 16 - 7 = 9 kHz.
        float[] y = Resampler.resample(sine(7000, 0.5, 16000, 16000), 16000, 48000);
        double image = amplitude(y, 48000, 9000, 4800, y.length - 4800);
        assertTrue(db(image / 0.5) <= -STOPBAND_DB, "image at " + db(image / 0.5) + " dB");
    }

    @ParameterizedTest
    @CsvSource({"48000, 16000", "44100, 16000", "16000, 48000", "44100, 48000", "44056, 48000", "8000, 44100",
        "768000, 1000"})
    void streamingInChunksEqualsOneShot(int from, int to) {
        Random random = new Random(from + 31L * to);
        float[] x = new float[from / 2 + 123];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 0.2);
        }
        float[] oneShot = Resampler.resample(x, from, to);
        Resampler r = new Resampler(from, to);
        float[] streamed = new float[0];
        for (int at = 0; at < x.length;) {
            int len = Math.min(x.length - at, random.nextInt(3) == 0 ? random.nextInt(2) : random.nextInt(5000));
            streamed = concat(streamed, r.process(x, at, len));
            at += len;
        }
        streamed = concat(streamed, r.flush());
        assertArrayEquals(oneShot, streamed);
    }

    @Test
    void equalRatesCopy() {
        float[] x = {0.1f, -0.2f, 0.3f};
        float[] y = Resampler.resample(x, 44100, 44100);
        assertArrayEquals(x, y);
        assertNotSame(x, y);
    }

    @Test
    void misuseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 16000));
        Resampler r = new Resampler(48000, 16000);
        r.flush();
        assertThrows(IllegalStateException.class, () -> r.process(new float[4]));
        assertThrows(IllegalStateException.class, r::flush);
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertEquals(0, Resampler.resample(new float[0], 48000, 16000).length);
        assertEquals(1, Resampler.resample(new float[1], 48000, 16000).length);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
