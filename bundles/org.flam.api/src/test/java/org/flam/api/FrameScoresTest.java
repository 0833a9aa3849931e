package org.flam.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameScoresTest {

    private static final FrameGrid GRID = new FrameGrid(2.0, 3);

    private static float[][] matrix() {
        return new float[][] {{0.1f, 0.9f}, {0.2f, 0.8f}, {0.3f, 0.7f}};
    }

    @Test
    void accessorsReadRowsAndColumns() {
        FrameScores s = new FrameScores(GRID, List.of("dog", "cat"), matrix());
        assertEquals(3, s.frameCount());
        assertEquals(0.8f, s.score(1, 1));
        assertArrayEquals(new float[] {0.9f, 0.8f, 0.7f}, s.column("cat"));
        assertArrayEquals(new float[] {0.3f, 0.7f}, s.row(2));
        assertEquals(1, s.indexOf("cat"));
        assertEquals(-1, s.indexOf("bird"));
        assertThrows(IllegalArgumentException.class, () -> s.column("bird"));
    }

    @Test
    void copiesMatrixAndLabelsDefensively() {
        float[][] m = matrix();
        List<String> labels = new ArrayList<>(List.of("dog", "cat"));
        FrameScores s = new FrameScores(GRID, labels, m);
        m[0][0] = 5f;
        labels.set(0, "bird");
        assertEquals(0.1f, s.score(0, 0));
        assertEquals(List.of("dog", "cat"), s.labels());
        s.scores()[0][0] = 5f;
        s.row(0)[0] = 5f;
        s.column("dog")[0] = 5f;
        assertEquals(0.1f, s.score(0, 0));
    }

    @Test
    void rejectsWrongShapeNamingIt() {
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> new FrameScores(new FrameGrid(2.0, 4), List.of("dog", "cat"), matrix()));
        assertTrue(rows.getMessage().contains("float[F][K]"), rows.getMessage());
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
                () -> new FrameScores(GRID, List.of("dog"), matrix()));
        assertTrue(cols.getMessage().contains("scores[0]"), cols.getMessage());
    }

    @Test
    void rejectsNonFiniteScoresAndRepeatedLabels() {
        float[][] m = matrix();
        m[2][1] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new FrameScores(GRID, List.of("dog", "cat"), m));
        assertTrue(nan.getMessage().contains("scores[2][1]"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new FrameScores(GRID, List.of("dog", "dog"), matrix()));
        assertThrows(IllegalArgumentException.class,
                () -> new FrameScores(GRID, List.of("dog", "c\tat"), matrix()));
    }

    @Test
    void ofColumnsTransposes() {
        float[][] columns = {{0.1f, 0.2f, 0.3f}, {0.9f, 0.8f, 0.7f}};
        assertEquals(new FrameScores(GRID, List.of("dog", "cat"), matrix()),
                FrameScores.ofColumns(GRID, List.of("dog", "cat"), columns));
    }

    @Test
    void equalityIsByContent() {
        FrameScores a = new FrameScores(GRID, List.of("dog", "cat"), matrix());
        FrameScores b = new FrameScores(GRID, List.of("dog", "cat"), matrix());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        float[][] m = matrix();
        m[1][0] = 0.25f;
        assertNotEquals(a, new FrameScores(GRID, List.of("dog", "cat"), m));
    }
}
