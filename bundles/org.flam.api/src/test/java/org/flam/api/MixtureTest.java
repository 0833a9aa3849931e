package org.flam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.flam.api.CorpusEntry.Kind;
import org.junit.jupiter.api.Test;

class MixtureTest {

    private static final AudioClip AUDIO = new AudioClip("mix_0", new float[100], 10); // 10 s
    private static final FrameGrid GRID = FrameGrid.ofClip(5, 10.0); // 2 s frames
    private static final Mixture.Background BG =
            new Mixture.Background(CorpusTest.entry("bg/rain.wav", Kind.BACKGROUND, 60), 12.5);

    private static FrameScores labels(List<String> names, float value) {
        float[][] z = new float[GRID.frameCount()][names.size()];
        z[1][0] = value;
        return new FrameScores(GRID, names, z);
    }

    @Test
    void holdsAConsistentMixture() {
        List<SoundEvent> events = new ArrayList<>(List.of(new SoundEvent("mix_0", 2, 4, "bark"),
                new SoundEvent(5, 6, "bark"), new SoundEvent(8, 10, "glass")));
        Mixture m = new Mixture(AUDIO, events, labels(List.of("glass", "bark"), 1f), BG, 42, 7);
        events.clear();
        assertEquals(3, m.events().size());
        assertEquals(12.5, m.background().startSeconds(), 0.0);
    }

    @Test
    void aBackgroundIsGeneratedExactlyWhenItsSourceSaysSo() {
        assertFalse(BG.generated());
        CorpusEntry noise = new CorpusEntry("generated/pink-noise", new Caption("pink noise", List.of()), 10,
                Kind.BACKGROUND, Mixture.Background.GENERATED_SOURCE, "CC0-1.0");
        assertTrue(new Mixture.Background(noise, 0).generated());
    }

    @Test
    void labelColumnsMustBeExactlyTheEventLabels() {
        List<SoundEvent> events = List.of(new SoundEvent(2, 4, "bark"));
        assertThrows(IllegalArgumentException.class,
                () -> new Mixture(AUDIO, events, labels(List.of("bark", "glass"), 1f), BG, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Mixture(AUDIO, List.of(), labels(List.of("bark"), 1f), BG, 1, 0));
    }

    @Test
    void rejectsInconsistentTimesLabelsAndIndex() {
        List<String> bark = List.of("bark");
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> new Mixture(AUDIO, List.of(new SoundEvent(9, 10.5, "bark")),
                        labels(bark, 1f), BG, 1, 0));
        assertTrue(late.getMessage().contains("events[0]"), late.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Mixture(AUDIO, List.of(new SoundEvent("other", 1, 2, "bark")),
                        labels(bark, 1f), BG, 1, 0));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new Mixture(AUDIO, List.of(new SoundEvent(1, 2, "bark")),
                        labels(bark, 2f), BG, 1, 0));
        assertTrue(range.getMessage().contains("frameLabels[1][0]"), range.getMessage());
        FrameGrid longGrid = GRID.withFrameCount(7); // 14 s against 10 s of audio
        assertThrows(IllegalArgumentException.class,
                () -> new Mixture(AUDIO, List.of(new SoundEvent(1, 2, "bark")),
                        new FrameScores(longGrid, bark, new float[7][1]), BG, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Mixture(AUDIO, List.of(new SoundEvent(1, 2, "bark")),
                        labels(bark, 1f), BG, 1, -1));
    }

    @Test
    void backgroundStartMustLieInTheRecording() {
        CorpusEntry rain = CorpusTest.entry("bg/rain.wav", Kind.BACKGROUND, 60);
        assertThrows(IllegalArgumentException.class, () -> new Mixture.Background(rain, 60));
        assertThrows(IllegalArgumentException.class, () -> new Mixture.Background(rain, -1));
        assertEquals(0.0, new Mixture.Background(rain, 0).startSeconds(), 0.0);
    }
}
