package org.flam.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AudioClipTest {

    @Test
    void durationIsSamplesOverRate() {
        AudioClip clip = new AudioClip("a.wav", new float[24_000], 48_000);
        assertEquals(0.5, clip.durationSeconds(), 0.0);
        assertEquals(24_000, clip.sampleCount());
    }

    @Test
    void copiesSamplesOnTheWayInAndOut() {
        float[] source = {0.1f, -0.2f, 0.3f};
        AudioClip clip = new AudioClip("x", source, 16_000);
        source[0] = 0.9f;
        assertEquals(0.1f, clip.sample(0));
        float[] out = clip.samples();
        out[1] = 0.9f;
        assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f}, clip.samples());
    }

    @Test
    void copyToCopiesARange() {
        AudioClip clip = new AudioClip("x", new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 8_000);
        float[] dest = new float[3];
        clip.copyTo(1, dest, 1, 2);
        assertArrayEquals(new float[] {0f, 0.2f, 0.3f}, dest);
    }

    @Test
    void rejectsSamplesOutsideUnitRangeNamingTheIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AudioClip("x", new float[] {0f, 1.0001f}, 48_000));
        assertTrue(e.getMessage().contains("samples[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new AudioClip("x", new float[] {Float.NaN}, 48_000));
        assertThrows(IllegalArgumentException.class,
                () -> new AudioClip("x", new float[] {-1.5f}, 48_000));
    }

    @Test
    void acceptsTheUnitRangeEnds() {
        assertEquals(2, new AudioClip("x", new float[] {-1f, 1f}, 1).sampleCount());
    }

    @Test
    void rejectsBadIdAndRate() {
        assertThrows(NullPointerException.class, () -> new AudioClip(null, new float[0], 1));
        assertThrows(IllegalArgumentException.class, () -> new AudioClip(" ", new float[0], 1));
        assertThrows(IllegalArgumentException.class, () -> new AudioClip("a\tb", new float[0], 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AudioClip("x", new float[0], 0));
        assertTrue(e.getMessage().contains("sampleRate"), e.getMessage());
    }

    @Test
    void equalityIsByContent() {
        AudioClip a = new AudioClip("x", new float[] {0.5f}, 8_000);
        AudioClip b = new AudioClip("x", new float[] {0.5f}, 8_000);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new AudioClip("x", new float[] {0.25f}, 8_000));
        assertNotEquals(a, new AudioClip("x", new float[] {0.5f}, 16_000));
    }
}
