package org.flam.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ZeroShotTest {

    @Test
    void accuracyByHandWithTiesCountedAsErrors() {
        double[][] similarity = {
                {0.9, 0.1, 0.3},   // true 0: correct
                {0.2, 0.2, 0.1},   // true 0: tied with class 1: wrong
                {0.1, 0.2, 0.7},   // true 2: correct
                {0.6, 0.5, 0.4},   // true 1: wrong
        };
        assertEquals(0.5, ZeroShot.accuracy(similarity, new int[] {0, 0, 2, 1}), 0);
        assertEquals(0, ZeroShot.accuracy(new double[][] {{1, 1}, {1, 1}}, new int[] {0, 1}), 0);
        assertEquals(1, ZeroShot.accuracy(new double[][] {{-3}}, new int[] {0}), 0);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ZeroShot.accuracy(new double[][] {{1, 2}}, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> ZeroShot.accuracy(new double[][] {{1, 2}}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> ZeroShot.accuracy(new double[][] {{}}, new int[] {0}));
    }
}
