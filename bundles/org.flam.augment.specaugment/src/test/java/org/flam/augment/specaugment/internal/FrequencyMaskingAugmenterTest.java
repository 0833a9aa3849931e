package org.flam.augment.specaugment.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.flam.api.AudioClip;
import org.flam.api.spi.Augmenter;
import org.junit.jupiter.api.Test;

class FrequencyMaskingAugmenterTest {

    private static final int MELS = 64;
    private static final int FRAMES = 101;

    /** Entries 0.01 (m + 1) t - 50 dB: no row is constant, so a constant row can only be a mask. */
    private static float[][] ramp() {
        float[][] x = new float[MELS][FRAMES];
        for (int m = 0; m < MELS; m++) {
            for (int t = 0; t < FRAMES; t++) {
                x[m][t] = 0.01f * (m + 1) * t - 50;
            }
        }
        return x;
    }

    /** Mean of the ramp: 0.01 * mean(m + 1) * mean(t) - 50 = 0.01 * 32.5 * 50 - 50 = -33.75 dB. */
    private static final float RAMP_MEAN = -33.75f;

    /** Masked rows: every entry equal to the fill value; the others must equal the input. */
    private static List<Integer> maskedRows(float[][] in, float[][] out) {
        List<Integer> masked = new ArrayList<>();
        for (int m = 0; m < in.length; m++) {
            boolean isMask = true;
            for (float v : out[m]) {
                isMask &= Math.abs(v - RAMP_MEAN) < 1e-4;
            }
            if (isMask) {
                masked.add(m);
            } else {
                assertArrayEquals(in[m], out[m], "row " + m + " is either masked or untouched");
            }
        }
        return masked;
    }

    /** Lengths of the runs of consecutive rows. */
    private static List<Integer> runs(List<Integer> rows) {
        List<Integer> runs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (i == 0 || rows.get(i) != rows.get(i - 1) + 1) {
                runs.add(0);
            }
            runs.set(runs.size() - 1, runs.get(runs.size() - 1) + 1);
        }
        return runs;
    }

    @Test
    void oneStripeCoversEveryWidthFromZeroToTheMaximumAndReachesBothEdges() {
        FrequencyMaskingAugmenter aug = new FrequencyMaskingAugmenter(1, 8);
        float[][] in = ramp();
        boolean[] widthSeen = new boolean[9];
        boolean[] binMasked = new boolean[MELS];
        for (int seed = 0; seed < 2000; seed++) {
            List<Integer> masked = maskedRows(in, aug.augmentLogMel(in, new SplittableRandom(seed)));
            List<Integer> runs = runs(masked);
            assertTrue(runs.size() <= 1, "one stripe is one run: " + masked);
            int width = masked.size();
            assertTrue(width <= 8, "width " + width);
            widthSeen[width] = true;
            masked.forEach(m -> binMasked[m] = true);
        }
        for (int w = 0; w <= 8; w++) {
            assertTrue(widthSeen[w], "width " + w + " never drawn in 2000 draws (p = 1/9 each)");
        }
        assertTrue(binMasked[0] && binMasked[MELS - 1], "the first and last bins can be masked");
    }

    @Test
    void twoStripesMaskAtMostTwoRunsOfAtMostSixteenBins() {
        FrequencyMaskingAugmenter aug = new FrequencyMaskingAugmenter(2, 8);
        float[][] in = ramp();
        boolean sawTwoRuns = false;
        for (int seed = 0; seed < 500; seed++) {
            List<Integer> masked = maskedRows(in, aug.augmentLogMel(in, new SplittableRandom(seed)));
            List<Integer> runs = runs(masked);
            assertTrue(runs.size() <= 2 && masked.size() <= 16, "seed " + seed + ": " + masked);
            runs.forEach(r -> assertTrue(r <= 16, "overlapping stripes span at most 2 x 8 bins"));
            sawTwoRuns |= runs.size() == 2;
        }
        assertTrue(sawTwoRuns);
    }

    @Test
    void equalSeedsGiveEqualMasksAndTheShapeIsKept() {
        FrequencyMaskingAugmenter aug = new FrequencyMaskingAugmenter(2, 8);
        float[][] in = ramp();
        float[][] a = aug.augmentLogMel(in, new SplittableRandom(7));
        float[][] b = aug.augmentLogMel(in, new SplittableRandom(7));
        assertArrayEquals(a, b);
        assertEquals(MELS, a.length);
        for (float[] row : a) {
            assertEquals(FRAMES, row.length);
        }
        boolean differs = false;
        for (int seed = 8; seed < 20 && !differs; seed++) {
            differs = !Arrays.deepEquals(a, aug.augmentLogMel(in, new SplittableRandom(seed)));
        }
        assertTrue(differs, "other seeds give other masks");
    }

    @Test
    void theFillValueIsTheMeanOfTheInput() {
        // Widths up to 64 on 64 bins: some seed masks something; all masks hold -33.75 dB.
        FrequencyMaskingAugmenter aug = new FrequencyMaskingAugmenter(1, MELS);
        float[][] in = ramp();
        int maskedTotal = 0;
        for (int seed = 0; seed < 20; seed++) {
            maskedTotal += maskedRows(in, aug.augmentLogMel(in, new SplittableRandom(seed))).size();
        }
        assertTrue(maskedTotal > 0);
    }

    @Test
    void theInputIsNotModifiedAndTheOutputIsANewArray() {
        FrequencyMaskingAugmenter aug = new FrequencyMaskingAugmenter(2, 8);
        float[][] in = ramp();
        float[][] out = aug.augmentLogMel(in, new SplittableRandom(3));
        assertArrayEquals(ramp(), in);
        assertNotSame(in, out);
        for (int m = 0; m < MELS; m++) {
            assertNotSame(in[m], out[m]);
        }
    }

    @Test
    void zeroStripesOrZeroWidthIsACopy() {
        float[][] in = ramp();
        SplittableRandom random = new SplittableRandom(1);
        long next = new SplittableRandom(1).nextLong();
        float[][] out = new FrequencyMaskingAugmenter(0, 8).augmentLogMel(in, random);
        assertArrayEquals(in, out);
        assertNotSame(in[0], out[0]);
        assertEquals(next, random.nextLong(), "no draw when there is nothing to mask");
        assertArrayEquals(in, new FrequencyMaskingAugmenter(2, 0).augmentLogMel(in, new SplittableRandom(1)));
        assertArrayEquals(new float[3][0], new FrequencyMaskingAugmenter(2, 8).augmentLogMel(new float[3][0],
                new SplittableRandom(1)));
    }

    @Test
    void contract() {
        FrequencyMaskingAugmenter aug = new FrequencyMaskingAugmenter(2, 8);
        assertEquals(Augmenter.Domain.LOG_MEL, aug.domain());
        assertThrows(UnsupportedOperationException.class,
                () -> aug.augmentWaveform(new AudioClip("a", new float[10], 48_000), new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class,
                () -> aug.augmentLogMel(new float[][] {{1, 2}, {3}}, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new FrequencyMaskingAugmenter(-1, 8));
        assertThrows(IllegalArgumentException.class, () -> new FrequencyMaskingAugmenter(2, -1));
    }
}
