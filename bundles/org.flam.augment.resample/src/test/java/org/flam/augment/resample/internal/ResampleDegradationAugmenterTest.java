package org.flam.augment.resample.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.flam.api.AudioClip;
import org.flam.api.spi.Augmenter;
import org.junit.jupiter.api.Test;

class ResampleDegradationAugmenterTest {

    private static final int RATE = 48_000;

    /** 0.3 sin(2 pi f t) for each of 5, 12 and 20 kHz, 1 s at 48 kHz: peaks below 0.9. */
    private static AudioClip threeTones() {
        float[] x = new float[RATE];
        for (int n = 0; n < x.length; n++) {
            double t = (double) n / RATE;
            x[n] = (float) (0.3 * (Math.sin(2 * Math.PI * 5_000 * t) + Math.sin(2 * Math.PI * 12_000 * t)
                    + Math.sin(2 * Math.PI * 20_000 * t)));
        }
        return new AudioClip("tones", x, RATE);
    }

    /**
     * Amplitude of the sinusoid at {@code hz} in the middle half second (away from the ends,
     * where the resampler's zero padding acts): a Hann-windowed DFT at that frequency, scaled
     * so a sine of amplitude A reads A. Hann sidelobes fall far below -200 dB at the 7-8 kHz
     * spacing of the tones, so neighbours do not leak into the reading.
     */
    private static double amplitude(AudioClip clip, double hz) {
        int from = RATE / 4;
        int n = RATE / 2;
        double re = 0;
        double im = 0;
        double windowSum = 0;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
            double phase = 2 * Math.PI * hz * (from + i) / RATE;
            re += w * clip.sample(from + i) * Math.cos(phase);
            im -= w * clip.sample(from + i) * Math.sin(phase);
            windowSum += w;
        }
        return 2 * Math.hypot(re, im) / windowSum;
    }

    private static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    @Test
    void degradingTo16kHzRemovesEverythingAbove8kHzAndKeepsWhatIsBelow() {
        AudioClip in = threeTones();
        assertEquals(0.3, amplitude(in, 12_000), 1e-4, "the measurement reads the input's amplitude");
        AudioClip out = new ResampleDegradationAugmenter(1, new int[] {16_000}).augmentWaveform(in,
                new SplittableRandom(1));
        // Resampler: passband ripple below 0.001 dB up to 0.45 * 16 kHz = 7.2 kHz, stopband
        // from 8 kHz at >= 80 dB (org.flam.audio.io.Resampler); the round trip passes two
        // filters, so 0.002 dB. Measured: +0.0001 dB at 5 kHz, -174 and -169 dB at 12 and 20 kHz.
        assertEquals(0, db(amplitude(out, 5_000) / 0.3), 0.002, "5 kHz kept (dB change)");
        assertTrue(db(amplitude(out, 12_000) / 0.3) < -80, "12 kHz removed: " + db(amplitude(out, 12_000) / 0.3));
        assertTrue(db(amplitude(out, 20_000) / 0.3) < -80, "20 kHz removed: " + db(amplitude(out, 20_000) / 0.3));
    }

    @Test
    void degradingTo32kHzRemovesEverythingAbove16kHzOnly() {
        AudioClip out = new ResampleDegradationAugmenter(1, new int[] {32_000}).augmentWaveform(threeTones(),
                new SplittableRandom(1));
        // Measured: -0.0001 dB at 5 and 12 kHz, -102 dB at 20 kHz.
        assertEquals(0, db(amplitude(out, 5_000) / 0.3), 0.002);
        assertEquals(0, db(amplitude(out, 12_000) / 0.3), 0.002, "12 kHz is inside 0.45 * 32 kHz = 14.4 kHz");
        assertTrue(db(amplitude(out, 20_000) / 0.3) < -80, "20 kHz removed: " + db(amplitude(out, 20_000) / 0.3));
    }

    @Test
    void aboutThirtyPercentOfClipsAreDegradedByDefault() {
        // The paper's 30 %. 2000 seeded draws: standard deviation sqrt(0.3 * 0.7 / 2000) = 0.0102,
        // so 0.3 +- 0.04 is a 4-sigma band.
        ResampleDegradationAugmenter aug = new ResampleDegradationAugmenter(0.3, new int[] {16_000, 32_000});
        AudioClip clip = new AudioClip("short", new float[] {0.1f, -0.2f, 0.3f, 0.25f, 0f, -0.1f, 0.05f, 0.2f}, RATE);
        int degraded = 0;
        for (int seed = 0; seed < 2000; seed++) {
            AudioClip out = aug.augmentWaveform(clip, new SplittableRandom(seed));
            if (out != clip) {
                degraded++;
                assertEquals(clip.sampleCount(), out.sampleCount());
            }
        }
        assertEquals(0.3, degraded / 2000.0, 0.04);
    }

    @Test
    void bothRatesAreChosenEquallyOften() {
        // 20 000 draws, about 6000 applied: each rate 0.5 +- 0.026 (4 sigma of sqrt(0.25 / 6000)).
        ResampleDegradationAugmenter aug = new ResampleDegradationAugmenter(0.3, new int[] {16_000, 32_000});
        int at16 = 0;
        int at32 = 0;
        for (int seed = 0; seed < 20_000; seed++) {
            int rate = aug.pickRate(RATE, new SplittableRandom(seed));
            at16 += rate == 16_000 ? 1 : 0;
            at32 += rate == 32_000 ? 1 : 0;
        }
        assertEquals(0.3, (at16 + at32) / 20_000.0, 0.013);
        assertEquals(0.5, at16 / (double) (at16 + at32), 0.026);
    }

    @Test
    void untouchedClipsAreReturnedAsTheyAre() {
        AudioClip in = threeTones();
        assertSame(in, new ResampleDegradationAugmenter(0, new int[] {16_000}).augmentWaveform(in,
                new SplittableRandom(1)));
        // A 16 kHz clip has no configured rate below its own: up-sampling is no degradation.
        AudioClip at16 = new AudioClip("at16", new float[1600], 16_000);
        assertSame(at16, new ResampleDegradationAugmenter(1, new int[] {16_000, 32_000}).augmentWaveform(at16,
                new SplittableRandom(1)));
    }

    @Test
    void lengthRateAndIdAreKeptForAnyLengthAndRate() {
        ResampleDegradationAugmenter aug = new ResampleDegradationAugmenter(1, new int[] {16_000});
        for (int rate : new int[] {48_000, 44_100, 22_050}) {
            for (int length : new int[] {0, 1, 2, 47_999, 48_001}) {
                AudioClip in = new AudioClip("c", new float[length], rate);
                AudioClip out = aug.augmentWaveform(in, new SplittableRandom(length));
                assertNotSame(in, out);
                assertEquals(length, out.sampleCount(), rate + " Hz, " + length + " samples");
                assertEquals(rate, out.sampleRate());
                assertEquals("c", out.id());
            }
        }
    }

    @Test
    void overshootIsScaledIntoRangeNotClipped() {
        // A full-scale square wave rings past 1 once band-limited (Gibbs: about 9 % overshoot).
        float[] square = new float[RATE / 10];
        for (int n = 0; n < square.length; n++) {
            square[n] = (n / 60) % 2 == 0 ? 1f : -1f;
        }
        AudioClip out = new ResampleDegradationAugmenter(1, new int[] {16_000})
                .augmentWaveform(new AudioClip("square", square, RATE), new SplittableRandom(1));
        float peak = 0;
        for (int n = 0; n < out.sampleCount(); n++) {
            peak = Math.max(peak, Math.abs(out.sample(n)));
        }
        assertEquals(1f, peak, 1e-6f, "scaled so that the peak is exactly full scale");
    }

    @Test
    void equalSeedsGiveEqualClips() {
        ResampleDegradationAugmenter aug = new ResampleDegradationAugmenter(0.5, new int[] {16_000, 32_000});
        AudioClip in = threeTones();
        for (int seed = 0; seed < 6; seed++) {
            assertEquals(aug.augmentWaveform(in, new SplittableRandom(seed)),
                    aug.augmentWaveform(in, new SplittableRandom(seed)));
        }
    }

    @Test
    void contract() {
        ResampleDegradationAugmenter aug = new ResampleDegradationAugmenter(0.3, new int[] {16_000});
        assertEquals(Augmenter.Domain.WAVEFORM, aug.domain());
        assertThrows(UnsupportedOperationException.class,
                () -> aug.augmentLogMel(new float[2][2], new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new ResampleDegradationAugmenter(1.5, new int[] {16_000}));
        assertThrows(IllegalArgumentException.class, () -> new ResampleDegradationAugmenter(Double.NaN,
                new int[] {16_000}));
        assertThrows(IllegalArgumentException.class, () -> new ResampleDegradationAugmenter(0.3, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new ResampleDegradationAugmenter(0.3, new int[] {0}));
    }
}
