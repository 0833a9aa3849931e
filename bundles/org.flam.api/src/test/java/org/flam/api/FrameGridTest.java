package org.flam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameGridTest {

    @Test
    void referenceGridHas32FramesOf0_3125Seconds() {
        FrameGrid g = FrameGrid.ofClip(32, 10.0);
        assertEquals(3.2, g.framesPerSecond(), 1e-12);
        assertEquals(0.3125, g.frameSeconds(), 1e-12);
        assertEquals(0.0, g.onset(0), 0.0);
        assertEquals(0.3125, g.offset(0), 1e-12);
        assertEquals(9.6875, g.onset(31), 1e-12);
        assertEquals(10.0, g.offset(31), 1e-12);
        assertEquals(10.0, g.durationSeconds(), 1e-12);
    }

    @Test
    void framesAreGapless() {
        FrameGrid g = new FrameGrid(100.0 / 3.0, 500);
        for (int f = 0; f + 1 < g.frameCount(); f++) {
            assertEquals(g.onset(f + 1), g.offset(f), 0.0, "frame " + f);
        }
    }

    @Test
    void frameAtOfAnOnsetIsThatFrameForAwkwardRates() {
        for (double fps : new double[] {3.2, 12.8, 50.0, 100.0 / 3.0, 48_000.0 / 480.0, 7.0 / 3.0}) {
            FrameGrid g = new FrameGrid(fps, 2000);
            for (int f = 0; f < g.frameCount(); f++) {
                assertEquals(f, g.frameAt(g.onset(f)), "fps " + fps + " frame " + f);
                assertEquals(f + 1, g.frameAt(g.offset(f)), "fps " + fps + " offset of " + f);
            }
        }
    }

    @Test
    void frameAtFloorsInsideAFrame() {
        FrameGrid g = FrameGrid.ofClip(32, 10.0);
        assertEquals(0, g.frameAt(0.3124));
        assertEquals(1, g.frameAt(0.3126));
        assertEquals(31, g.frameAt(9.99));
        assertEquals(32, g.frameAt(10.0));
        assertEquals(64, g.frameAt(20.0), "not clamped");
    }

    @Test
    void coveringRoundsUpButSnapsExactMultiples() {
        FrameGrid g = FrameGrid.ofClip(32, 10.0);
        assertEquals(32, g.covering(10.0).frameCount());
        assertEquals(33, g.covering(10.01).frameCount());
        assertEquals(0, g.covering(0.0).frameCount());
        assertEquals(1, g.covering(0.001).frameCount());
        assertEquals(3.2, g.covering(25).framesPerSecond(), 0.0);
        assertEquals(80, g.covering(25).frameCount());
    }

    @Test
    void rejectsIndicesOutsideTheGrid() {
        FrameGrid g = new FrameGrid(3.2, 32);
        assertThrows(IndexOutOfBoundsException.class, () -> g.onset(32));
        assertThrows(IndexOutOfBoundsException.class, () -> g.offset(-1));
        assertThrows(IllegalArgumentException.class, () -> g.frameAt(-0.1));
        assertThrows(IllegalArgumentException.class, () -> g.frameAt(Double.NaN));
    }

    @Test
    void rejectsBadRateAndCount() {
        assertThrows(IllegalArgumentException.class, () -> new FrameGrid(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameGrid(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameGrid(Double.POSITIVE_INFINITY, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameGrid(3.2, -1));
        assertThrows(IllegalArgumentException.class, () -> FrameGrid.ofClip(0, 10));
        assertThrows(IllegalArgumentException.class, () -> FrameGrid.ofClip(32, 0));
        assertEquals(0, new FrameGrid(3.2, 0).frameCount());
    }
}
