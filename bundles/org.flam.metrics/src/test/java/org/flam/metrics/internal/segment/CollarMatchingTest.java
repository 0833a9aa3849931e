package org.flam.metrics.internal.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.flam.api.SoundEvent;
import org.junit.jupiter.api.Test;

class CollarMatchingTest {

    @Test
    void maximumMatchingWhereFirstFitFails() {
        // d0 can match g0 or g1, d1 only g0: first fit (d0-g0) leaves d1 unmatched; the maximum is 2
        List<SoundEvent> truth = List.of(new SoundEvent(1.0, 2.0, "a"), new SoundEvent(1.3, 2.3, "a"));
        CollarMatching matching = new CollarMatching(0.35, 0.35, 0);
        assertEquals(2, matching.truePositives(new double[] {1.2, 0.7}, new double[] {2.2, 1.7}, 2, truth));
    }

    @Test
    void oneEventMatchesOneDetection() {
        List<SoundEvent> truth = List.of(new SoundEvent(1.0, 2.0, "a"));
        CollarMatching matching = new CollarMatching(1, 1, 0);
        assertEquals(1, matching.truePositives(new double[] {0.5, 1.5}, new double[] {1.5, 2.5}, 2, truth));
        assertEquals(0, matching.truePositives(new double[0], new double[0], 0, truth));
        assertEquals(0, matching.truePositives(new double[] {1.0}, new double[] {2.0}, 1, List.of()));
    }

    @Test
    void deviationsOfExactlyTheCollarMatchDespiteRounding() {
        // 0.8 - 0.6 = 0.20000000000000007 in doubles: rounded to microseconds it is the collar
        CollarMatching matching = new CollarMatching(0.2, 0.2, 0);
        assertEquals(1, matching.truePositives(new double[] {0.1}, new double[] {0.8},
                1, List.of(new SoundEvent(0.3, 0.6, "b"))));
        assertEquals(0, matching.truePositives(new double[] {0.1}, new double[] {0.800002},
                1, List.of(new SoundEvent(0.3, 0.6, "b"))));
    }
}
