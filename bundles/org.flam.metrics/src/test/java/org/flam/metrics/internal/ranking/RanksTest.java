package org.flam.metrics.internal.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RanksTest {

    @Test
    void pessimisticRankLosesTiesWithWrongCandidatesOnly() {
        double[] scores = {0.5, 0.9, 0.5, 0.1};
        // 0.5 behind 0.9 and the tied wrong 0.5
        assertEquals(3, Ranks.pessimisticRank(scores, new boolean[] {false, false, true, false}));
        assertEquals(1, Ranks.pessimisticRank(scores, new boolean[] {false, true, false, false}));
        // two correct candidates tied with each other: no cost; the best one decides
        assertEquals(2, Ranks.pessimisticRank(scores, new boolean[] {true, false, true, false}));
        assertEquals(4, Ranks.pessimisticRank(new double[] {1, 1, 1, 1}, new boolean[] {false, true, false, false}));
        assertThrows(IllegalArgumentException.class, () -> Ranks.pessimisticRank(scores, new boolean[4]));
    }
}
