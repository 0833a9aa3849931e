package org.flam.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DetectionTest {

    private static final FrameGrid GRID = new FrameGrid(3.2, 4);
    private static final List<String> QUERIES = List.of("dog barking", "glass shatters");

    private static float[][] probabilities() {
        return new float[][] {{0.1f, 0.6f, 0.7f, 0.2f}, {0f, 0f, 1f, 0f}};
    }

    @Test
    void readsPerQueryAndTransposesToFrameScores() {
        SoundEvent bark = new SoundEvent(0.3125, 0.9375, "dog barking");
        Detection d = new Detection(QUERIES, GRID, probabilities(), List.of(bark));
        assertArrayEquals(new float[] {0f, 0f, 1f, 0f}, d.probabilities("glass shatters"));
        assertEquals(0.7f, d.probability(0, 2));
        assertEquals(List.of(bark), d.events("dog barking"));
        assertEquals(List.of(), d.events("glass shatters"));
        FrameScores table = d.toFrameScores();
        assertEquals(QUERIES, table.labels());
        assertArrayEquals(new float[] {0.7f, 1f}, table.row(2));
        assertThrows(IllegalArgumentException.class, () -> d.probabilities("cat"));
    }

    @Test
    void copiesDefensively() {
        float[][] p = probabilities();
        List<SoundEvent> events = new ArrayList<>();
        Detection d = new Detection(QUERIES, GRID, p, events);
        p[0][0] = 0.99f;
        events.add(new SoundEvent(0, 1, "dog barking"));
        d.probabilities()[0][0] = 0.99f;
        d.probabilities("dog barking")[0] = 0.99f;
        assertEquals(0.1f, d.probability(0, 0));
        assertEquals(List.of(), d.events());
    }

    @Test
    void rejectsProbabilitiesOutsideUnitInterval() {
        float[][] p = probabilities();
        p[1][3] = 1.01f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Detection(QUERIES, GRID, p, List.of()));
        assertTrue(e.getMessage().contains("probabilities[1][3]"), e.getMessage());
    }

    @Test
    void rejectsShapeMismatchAndForeignEventLabels() {
        assertThrows(IllegalArgumentException.class,
                () -> new Detection(QUERIES, new FrameGrid(3.2, 5), probabilities(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Detection(List.of("dog barking"), GRID, probabilities(), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Detection(QUERIES, GRID, probabilities(),
                        List.of(new SoundEvent(0, 1, "cat"))));
        assertTrue(e.getMessage().contains("events[0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Detection(List.of("a", "a"), GRID, probabilities(), List.of()));
    }
}
