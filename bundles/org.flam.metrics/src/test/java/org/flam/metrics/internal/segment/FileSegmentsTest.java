package org.flam.metrics.internal.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.SoundEvent;
import org.junit.jupiter.api.Test;

class FileSegmentsTest {

    /** 3.2 fps: frame f is [0.3125 f, 0.3125 (f + 1)). */
    private static final FrameGrid GRID = new FrameGrid(3.2, 7);

    private static FrameScores ramp() {
        float[][] s = new float[7][1];
        float[] values = {0.1f, 0.9f, 0.2f, 0.7f, 0.3f, 0.4f, 0.8f};
        for (int f = 0; f < 7; f++) {
            s[f][0] = values[f];
        }
        return new FrameScores(GRID, List.of("a"), s);
    }

    @Test
    void segmentScoreIsTheMaximumOverOverlappingFrames() {
        // 2.5 s in 1 s segments: [0,1) overlaps frames 0-3 (frame 3 is [0.9375, 1.25)),
        // [1,2) frames 3-6 (frame 6 is [1.875, 2.1875)), [2,3) frame 6 only
        FileSegments segments = FileSegments.of(GRID, 2.5, 1.0);
        assertEquals(3, segments.count());
        FrameScores scores = ramp();
        assertEquals(0.9f, segments.score(scores, 0, 0), 0);
        assertEquals(0.8f, segments.score(scores, 0, 1), 0);
        assertEquals(0.8f, segments.score(scores, 0, 2), 0);
    }

    @Test
    void segmentWithoutFramesScoresZero() {
        // the table covers 7 * 0.3125 = 2.1875 s; a 3.5 s file has segment [3, 4) beyond it
        FileSegments segments = FileSegments.of(GRID, 3.5, 1.0);
        assertEquals(4, segments.count());
        assertEquals(0, segments.score(ramp(), 0, 3), 0);
    }

    @Test
    void framesThatOnlyTouchASegmentAreNotInIt() {
        // frame-aligned segments of one frame each: segment i is frame i exactly
        FileSegments segments = FileSegments.of(GRID, 7 * 0.3125, 0.3125);
        assertEquals(7, segments.count());
        FrameScores scores = ramp();
        for (int i = 0; i < 7; i++) {
            assertEquals(scores.score(i, 0), segments.score(scores, 0, i), 0, "segment " + i);
        }
    }

    @Test
    void targetsNeedAnOverlapOfPositiveLength() {
        FileSegments segments = FileSegments.of(GRID, 3.0, 1.0);
        // ends on the boundary 1.0: only [0,1); starts on 2.0: only [2,3)
        assertArrayEquals(new boolean[] {true, false, false},
                segments.targets(List.of(new SoundEvent(0.5, 1.0, "a"))));
        assertArrayEquals(new boolean[] {false, false, true},
                segments.targets(List.of(new SoundEvent(2.0, 2.2, "a"))));
        assertArrayEquals(new boolean[] {false, true, true},
                segments.targets(List.of(new SoundEvent(1.2, 1.3, "a"), new SoundEvent(1.9, 2.1, "a"))));
        assertArrayEquals(new boolean[] {false, false, false}, segments.targets(List.of()));
    }

    @Test
    void segmentCountIsTheCeilingWithoutFloatingPointSpill() {
        assertEquals(32, FileSegments.of(new FrameGrid(3.2, 32), 10, 0.3125).count());
        assertEquals(10, FileSegments.of(new FrameGrid(3.2, 32), 10, 1).count());
        assertEquals(11, FileSegments.of(new FrameGrid(3.2, 32), 10.1, 1).count());
        // 1.1 / 0.1 = 11.000000000000002 in doubles: still 11 segments
        assertEquals(11, FileSegments.of(new FrameGrid(10, 11), 1.1, 0.1).count());
        assertEquals(0, FileSegments.of(new FrameGrid(10, 0), 0, 1).count());
    }

    @Test
    void boundariesAreRoundedToMicroseconds() {
        // 3 * 0.1 = 0.30000000000000004 in doubles
        assertEquals(0.3, FileSegments.of(new FrameGrid(10, 5), 0.5, 0.1).boundaries()[3], 0);
    }

    @Test
    void rejectsAnInvalidDuration() {
        assertThrows(IllegalArgumentException.class, () -> FileSegments.of(GRID, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> FileSegments.of(GRID, Double.NaN, 1));
    }
}
