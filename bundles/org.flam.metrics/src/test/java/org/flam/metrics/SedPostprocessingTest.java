package org.flam.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.flam.api.FrameGrid;
import org.flam.api.FrameScores;
import org.flam.api.SoundEvent;
import org.junit.jupiter.api.Test;

class SedPostprocessingTest {

    private static FrameScores column(float... values) {
        return FrameScores.ofColumns(new FrameGrid(10, values.length), List.of("a"), new float[][] {values});
    }

    @Test
    void threeFrameMedianRemovesSingleFramesAndKeepsTheEdges() {
        // scipy.ndimage.median_filter([0,1,0,0,1,1,0], 3) (mode 'reflect') = [0,0,0,0,1,1,0]
        FrameScores out = SedPostprocessing.medianFilter(column(0, 1, 0, 0, 1, 1, 0), 3);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 0}, out.column("a"));
        // edges under 'reflect': frame 0 sees (s0, s0, s1), so a lone high first frame stays
        assertArrayEquals(new float[] {1, 0, 0}, SedPostprocessing.medianFilter(column(1, 0, 0), 3).column("a"));
    }

    @Test
    void fiveFramesReflectHalfSampleSymmetric() {
        // frame 0 reads indices -2..2 = frames 1 0 0 1 2 = {1,5,5,1,4}: median 4;
        // frame 4 reads 2..6 = frames 2 3 4 4 3 = {4,2,3,3,2}: median 3.
        FrameScores out = SedPostprocessing.medianFilter(column(5, 1, 4, 2, 3), 5);
        assertArrayEquals(new float[] {4, 4, 3, 3, 3}, out.column("a"));
    }

    @Test
    void eachLabelIsFilteredAlongTimeOnly() {
        FrameScores two = FrameScores.ofColumns(new FrameGrid(10, 3), List.of("a", "b"),
                new float[][] {{0, 9, 0}, {7, 7, 1}});
        FrameScores out = SedPostprocessing.medianFilter(two, 3);
        assertArrayEquals(new float[] {0, 0, 0}, out.column("a"));
        assertArrayEquals(new float[] {7, 7, 1}, out.column("b"));
        assertEquals(two.grid(), out.grid());
        assertEquals(two, SedPostprocessing.medianFilter(two, 1));
        assertThrows(IllegalArgumentException.class, () -> SedPostprocessing.medianFilter(two, 2));
        assertThrows(IllegalArgumentException.class, () -> SedPostprocessing.medianFilter(two, 0));
    }

    @Test
    void mergesOverlappingAndTouchingEventsOfOneLabelAndFile() {
        List<SoundEvent> merged = SedPostprocessing.mergeOverlapping(List.of(
                new SoundEvent("f", 1.5, 3, "a"), new SoundEvent("f", 0, 1, "a"), new SoundEvent("f", 1, 2, "a"),
                new SoundEvent("f", 5, 6, "a"), new SoundEvent("f", 0.5, 0.7, "b"), new SoundEvent("f", 0.2, 0.4, "b"),
                new SoundEvent("g", 0.5, 2, "a")));
        assertEquals(List.of(new SoundEvent("f", 0, 3, "a"), new SoundEvent("f", 0.2, 0.4, "b"),
                new SoundEvent("f", 0.5, 0.7, "b"), new SoundEvent("f", 5, 6, "a"),
                new SoundEvent("g", 0.5, 2, "a")), merged);
        assertEquals(List.of(new SoundEvent(0, 4, "a")), SedPostprocessing.mergeOverlapping(
                List.of(new SoundEvent(0, 4, "a"), new SoundEvent(1, 2, "a"))), "a contained event disappears");
        assertEquals(List.of(), SedPostprocessing.mergeOverlapping(List.of()));
    }
}
