package org.flam.augment.mixture.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.flam.api.FrameGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loudness thresholding, the two smoothing rules of SPEC §4 and pooling, on hand-built cases. */
class LabelRulesTest {

    private final Smoothing spec = new Smoothing(10, 2, 10);

    /** Parses {@code "11..1"}: 1 active, anything else inactive. */
    private static boolean[] frames(String pattern) {
        boolean[] a = new boolean[pattern.length()];
        for (int i = 0; i < a.length; i++) {
            a[i] = pattern.charAt(i) == '1';
        }
        return a;
    }

    private static String text(boolean[] a) {
        StringBuilder b = new StringBuilder();
        for (boolean x : a) {
            b.append(x ? '1' : '.');
        }
        return b.toString();
    }

    @Test
    void rule1FillsGapsShorterThan10FramesBetweenPositivesOnly() {
        // 5-frame gap filled; 12-frame gap kept; leading and trailing runs are not "between".
        assertEquals("...111111111111............111...",
                text(spec.apply(frames("...1111.....111............111..."))));
        // Boundary: a 9-frame gap is filled, a 10-frame gap is not.
        assertEquals("11111111111", text(spec.apply(frames("1.........1"))));
        assertEquals("1..........1", text(spec.apply(frames("1..........1"))));
    }

    @Test
    void rule2RemovesShortBlipsOnlyFromEventsLongerThan10Frames() {
        // Long event (20 + 1 active frames > 10): the 1-frame blip 12 frames away goes.
        assertEquals("11111111111111111111.............",
                text(spec.apply(frames("11111111111111111111............1"))));
        // Short event (5 + 1 = 6 active frames): the blip stays.
        assertEquals("11111............1", text(spec.apply(frames("11111............1"))));
        // Boundary: 9 + 1 = 10 frames is not more than 10, kept; 10 + 1 = 11 is, removed.
        assertEquals("111111111............1", text(spec.apply(frames("111111111............1"))));
        assertEquals("1111111111.............", text(spec.apply(frames("1111111111............1"))));
        // A 2-frame run is not shorter than 2 frames: kept.
        assertEquals("1111111111............11", text(spec.apply(frames("1111111111............11"))));
    }

    @Test
    void rule1RunsBeforeRule2() {
        // The blip is 3 frames from the run: rule 1 joins it, so rule 2 has nothing to remove.
        assertEquals("11111111111111111111111", text(spec.apply(frames("11111111111111111111..1"))));
    }

    @Test
    void maxPoolingTo3Point2FramesPerSecondByHand() {
        // Encoder frames of 0.3125 s; label frames of 0.02 s. Label frames 16..31 cover
        // [0.32, 0.64): encoder frame 0 = [0, 0.3125) does not overlap; frame 1 =
        // [0.3125, 0.625) overlaps by 0.305 s; frame 2 = [0.625, 0.9375) by 0.015 s.
        boolean[] labels = new boolean[500];
        java.util.Arrays.fill(labels, 16, 32, true);
        FrameGrid grid = FrameGrid.ofClip(32, 10.0);
        float[] max = Pooling.MAX.pool(labels, 50, grid);
        float[] fraction = Pooling.FRACTION.pool(labels, 50, grid);
        float[] expectedMax = new float[32];
        expectedMax[1] = 1;
        expectedMax[2] = 1;
        assertArrayEquals(expectedMax, max);
        assertEquals(0f, fraction[0]);
        assertEquals(0.305 / 0.3125, fraction[1], 1e-6);
        assertEquals(0.015 / 0.3125, fraction[2], 1e-6);
        for (int f = 3; f < 32; f++) {
            assertEquals(0f, fraction[f]);
        }
    }

    @Test
    void poolingOfTouchingFramesAndBeyondTheLabels() {
        // Label frame 15 = [0.30, 0.32) straddles encoder frames 0 and 1; label frame 499 is the
        // last 20 ms. A 33rd encoder frame lies beyond the labels and gets 0.
        boolean[] labels = new boolean[500];
        labels[15] = true;
        labels[499] = true;
        FrameGrid grid = new FrameGrid(3.2, 33);
        float[] max = Pooling.MAX.pool(labels, 50, grid);
        float[] fraction = Pooling.FRACTION.pool(labels, 50, grid);
        assertEquals(1f, max[0]);
        assertEquals(1f, max[1]);
        assertEquals(0f, max[2]);
        assertEquals(1f, max[31]);
        assertEquals(0f, max[32]);
        assertEquals(0.0125 / 0.3125, fraction[0], 1e-6);
        assertEquals(0.0075 / 0.3125, fraction[1], 1e-6);
        assertEquals(0.02 / 0.3125, fraction[31], 1e-6);
        // At 50 fps the grid is the label grid itself: pooling is the identity.
        float[] same = Pooling.MAX.pool(labels, 50, new FrameGrid(50, 500));
        assertEquals(1f, same[15]);
        assertEquals(0f, same[14]);
        assertEquals(0f, same[16]);
    }

    /**
     * A 1 kHz sine (0 dB A-weighting) at amplitude 0.5 over [1.0, 1.5) s and at -40 dB
     * relative over [2.0, 2.3) s. Window of frame j: 50 ms centred on its centre, at 48 kHz
     * [960j - 720, 960j + 1680): it overlaps [48000, 72000) for 48.25 < j < 75.75, so frames
     * 49..75 are active (the 25 frames of the burst plus one each side, reached by the
     * window's half-width); the quiet burst (frames 99..115 by the same arithmetic) is below
     * -30 dB. At 32 kHz the windows scale and the frames are the same.
     */
    @ParameterizedTest
    @ValueSource(ints = {32_000, 48_000})
    void knownBurstsGiveKnownActiveFrames(int rate) {
        float[] loud = TestCorpus.sine(1000, 0.5, 0.5, rate);
        float[] quiet = TestCorpus.sine(1000, 0.3, 0.005, rate);
        float[][] parts = {loud, quiet};
        int[] starts = {rate, 2 * rate};
        boolean[] spec = new LoudnessLabeller(rate, 50, 0.05, 500, -30, -100).active(parts, starts);
        assertEquals(range(49, 75), active(spec));
        boolean[] lenient = new LoudnessLabeller(rate, 50, 0.05, 500, -50, -100).active(parts, starts);
        assertEquals(range(49, 75) + "," + range(99, 115), active(lenient));
    }

    @Test
    void silenceAndSignalsBelowTheFloorHaveNoActiveFrame() {
        LoudnessLabeller labeller = new LoudnessLabeller(48_000, 50, 0.05, 500, -30, -100);
        assertEquals("", active(labeller.active(new float[][] {new float[48_000]}, new int[] {0})));
        // 1 kHz at amplitude 1e-5: -103 dBFS RMS, under the -100 dBFS floor.
        float[] faint = TestCorpus.sine(1000, 1.0, 1e-5, 48_000);
        assertEquals("", active(labeller.active(new float[][] {faint}, new int[] {0})));
    }

    private static String range(int from, int to) {
        return from + "-" + to;
    }

    /** Active runs as {@code "a-b,c-d"}. */
    private static String active(boolean[] a) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < a.length; j++) {
            if (a[j] && (j == 0 || !a[j - 1])) {
                int end = j;
                while (end + 1 < a.length && a[end + 1]) {
                    end++;
                }
                b.append(b.length() > 0 ? "," : "").append(j).append('-').append(end);
            }
        }
        return b.toString();
    }
}
