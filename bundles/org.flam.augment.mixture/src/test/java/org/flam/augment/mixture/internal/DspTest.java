package org.flam.augment.mixture.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The FFT, the A-weighting against IEC 61672-1, coloured noise and fades. */
class DspTest {

    @Test
    void fftOfACosineHasTwoBinsOfHalfTheLength() {
        // cos(2 pi 3 n / 16) = (e^{i..} + e^{-i..}) / 2: bins 3 and 13 hold 16 / 2 = 8.
        double[] re = new double[16];
        double[] im = new double[16];
        for (int n = 0; n < 16; n++) {
            re[n] = Math.cos(2 * Math.PI * 3 * n / 16);
        }
        double[] original = re.clone();
        Fft.forward(re, im);
        for (int k = 0; k < 16; k++) {
            assertEquals(k == 3 || k == 13 ? 8 : 0, re[k], 1e-12, "re " + k);
            assertEquals(0, im[k], 1e-12, "im " + k);
        }
        Fft.inverse(re, im);
        assertArrayEquals(original, re, 1e-12);
        assertEquals(1024, Fft.size(1000));
        assertEquals(1, Fft.size(1));
        assertThrows(IllegalArgumentException.class, () -> Fft.forward(new double[12], new double[12]));
    }

    /**
     * IEC 61672-1:2013 Table 3, A-weighting (dB, rounded to 0.1 dB). The table's nominal
     * frequencies stand for the exact base-ten frequencies {@code 1000 * 10^(n/10)} Hz
     * (nominal 31.5 Hz is 31.62 Hz, 4 kHz is 3981 Hz, 16 kHz is 15849 Hz).
     */
    @ParameterizedTest
    @CsvSource({"31.6228,-39.4", "100,-19.1", "1000,0.0", "3981.07,1.0", "10000,-2.5", "15848.9,-6.6"})
    void weightingMatchesTheStandardsTable(double hz, double db) {
        assertEquals(db, AWeighting.decibels(hz), 0.06);
    }

    /** The filter applied to sines at both rates gives the table's attenuation in steady state. */
    @ParameterizedTest
    @CsvSource({"32000,100,-19.1", "32000,1000,0.0", "32000,4000,1.0", "32000,10000,-2.5",
        "48000,100,-19.1", "48000,1000,0.0", "48000,4000,1.0", "48000,10000,-2.5"})
    void filteredSinesAreAttenuatedAsTheTableSays(int rate, double hz, double db) {
        float[] x = TestCorpus.sine(hz, 1.0, 0.5, rate);
        double[] y = AWeighting.weigh(x, 0, x.length, rate);
        // Middle half: away from the onset and end transients.
        double in = 0;
        double out = 0;
        for (int i = x.length / 4; i < 3 * x.length / 4; i++) {
            in += x[i] * x[i];
            out += y[i] * y[i];
        }
        assertEquals(db, 10 * Math.log10(out / in), 0.1);
    }

    /** Power per octave: white +3 dB per octave up, pink 0, brown -3. */
    @ParameterizedTest
    @CsvSource({"WHITE,3.01", "PINK,0", "BROWN,-3.01"})
    void colouredNoiseHasItsSlope(NoiseColour colour, double dbPerOctave) {
        int rate = 48_000;
        double[] x = ColouredNoise.generate(colour, 10 * rate, rate, new SplittableRandom(7));
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        assertEquals(1.0, Math.sqrt(sum / x.length), 1e-9, "unit RMS");
        int n = Fft.size(x.length);
        double[] re = new double[n];
        double[] im = new double[n];
        System.arraycopy(x, 0, re, 0, x.length);
        Fft.forward(re, im);
        double low = bandPower(re, im, 1000, 2000, rate);
        double high = bandPower(re, im, 2000, 4000, rate);
        assertEquals(dbPerOctave, 10 * Math.log10(high / low), 0.3);
    }

    private static double bandPower(double[] re, double[] im, double from, double to, int rate) {
        double p = 0;
        int n = re.length;
        for (int k = (int) Math.ceil(from * n / rate); k < to * n / rate; k++) {
            p += re[k] * re[k] + im[k] * im[k];
        }
        return p;
    }

    @Test
    void fadesAreLinearRampsOverTheFadeLength() {
        float[] x = new float[1000];
        java.util.Arrays.fill(x, 1f);
        Fades.apply(x, 480); // 10 ms at 48 kHz
        assertEquals(0f, x[0]);
        assertEquals(1f / 480, x[1], 1e-7);
        assertEquals(479f / 480, x[479], 1e-7);
        assertEquals(1f, x[480]);
        assertEquals(1f, x[519]);
        assertEquals(479f / 480, x[520], 1e-7);
        assertEquals(0f, x[999]);
        float[] shortPart = {1, 1, 1, 1, 1};
        Fades.apply(shortPart, 480); // at most half the part: F = 2
        assertArrayEquals(new float[] {0, 0.5f, 1, 0.5f, 0}, shortPart);
    }

    @ParameterizedTest
    @ValueSource(strings = {"events/a.wav", "x", "ambiance/städte/straße 7.flac"})
    void splitAssignmentIsAStableFunctionOfThePath(String path) {
        double u = Split.unit(path);
        assertEquals(u, Split.unit(path));
        assertEquals(u < 0.3 ? Split.HELDOUT : Split.TRAIN, Split.of(path, 0.3));
        assertEquals(Split.TRAIN, Split.of(path, 0));
        assertEquals(Split.HELDOUT, Split.of(path, 1));
    }

    @Test
    void heldOutFractionIsHonouredOverManyPaths() {
        int held = 0;
        for (int i = 0; i < 20_000; i++) {
            held += Split.of("sounds/recording_" + i + ".wav", 0.2) == Split.HELDOUT ? 1 : 0;
        }
        // Binomial(20000, 0.2): sd 57; 5 sd.
        assertEquals(4000, held, 285);
    }
}
