package org.flam.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.flam.api.MetricResult;
import org.junit.jupiter.api.Test;

class RetrievalTest {

    /**
     * 4 texts x 3 audios; texts 0 and 1 describe audio 0, text 2 audio 1, text 3 audio 2.
     * Audio 2 is in a 3-way tie in its column and ties in text 3's row.
     */
    private static final double[][] SIMILARITY = {
            {0.9, 0.1, 0.2},   // t0 -> a0: rank 1
            {0.3, 0.8, 0.1},   // t1 -> a0: rank 2
            {0.2, 0.4, 0.4},   // t2 -> a1: tied with a2: rank 2 (pessimistic)
            {0.5, 0.1, 0.4},   // t3 -> a2: rank 2
    };
    private static final int[] TARGET = {0, 0, 1, 2};

    @Test
    void textToAudioByHand() {
        assertEquals(0.25, Retrieval.textToAudioRecall(SIMILARITY, TARGET, 1), 0);
        assertEquals(1, Retrieval.textToAudioRecall(SIMILARITY, TARGET, 2), 0);
        assertEquals(1, Retrieval.textToAudioRecall(SIMILARITY, TARGET, 10), 0);
    }

    @Test
    void audioToTextByHand() {
        // a0 column (0.9, 0.3, 0.2, 0.5): its texts t0, t1; best t0 at rank 1
        // a1 column (0.1, 0.8, 0.4, 0.1): its text t2 (0.4) behind t1: rank 2
        // a2 column (0.2, 0.1, 0.4, 0.4): its text t3 (0.4) tied with t2: rank 2
        assertEquals(1.0 / 3, Retrieval.audioToTextRecall(SIMILARITY, TARGET, 1), 1e-15);
        assertEquals(1, Retrieval.audioToTextRecall(SIMILARITY, TARGET, 2), 0);
    }

    @Test
    void audiosWithoutTextsCompeteButAreNotQueries() {
        // a1 has no text: it is a wrong answer for t0 (rank 2) but no a2t query
        double[][] similarity = {{0.5, 0.7}, {0.1, 0.9}};
        int[] target = {0, 0};
        assertEquals(0, Retrieval.textToAudioRecall(similarity, target, 1), 0);
        // a0's texts: t0 (0.5) beats t1 (0.1): rank 1, one query only
        assertEquals(1, Retrieval.audioToTextRecall(similarity, target, 1), 0);
    }

    @Test
    void allEqualSimilaritiesRetrieveNothingAtOne() {
        double[][] flat = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
        int[] diagonal = {0, 1, 2};
        assertEquals(0, Retrieval.textToAudioRecall(flat, diagonal, 1), 0);
        assertEquals(0, Retrieval.audioToTextRecall(flat, diagonal, 2), 0);
        assertEquals(1, Retrieval.audioToTextRecall(flat, diagonal, 3), 0);
    }

    @Test
    void evaluateNamesBothDirections() {
        MetricResult r = Retrieval.evaluate(SIMILARITY, TARGET);
        assertEquals(Retrieval.NAME, r.metric());
        assertEquals(0.25, r.value(MetricResult.R1_TEXT_TO_AUDIO).orElseThrow(), 0);
        assertEquals(1, r.value(MetricResult.R5_TEXT_TO_AUDIO).orElseThrow(), 0);
        assertEquals(1, r.value(Retrieval.R10_TEXT_TO_AUDIO).orElseThrow(), 0);
        assertEquals(1.0 / 3, r.value(MetricResult.R1_AUDIO_TO_TEXT).orElseThrow(), 1e-15);
        assertEquals(1, r.value(MetricResult.R5_AUDIO_TO_TEXT).orElseThrow(), 0);
        assertEquals(1, r.value(Retrieval.R10_AUDIO_TO_TEXT).orElseThrow(), 0);
        assertEquals(6, r.values().size());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Retrieval.textToAudioRecall(SIMILARITY, TARGET, 0));
        assertThrows(IllegalArgumentException.class, () -> Retrieval.textToAudioRecall(SIMILARITY, new int[] {0, 0, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> Retrieval.textToAudioRecall(SIMILARITY, new int[] {0, 0, 1, 3}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Retrieval.audioToTextRecall(new double[][] {{1, 2}, {3}}, new int[] {0, 0}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Retrieval.audioToTextRecall(new double[][] {{Double.NaN}}, new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class, () -> Retrieval.evaluate(new double[0][], new int[0]));
    }
}
