package org.flam.metrics.internal.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.flam.api.SoundEvent;
import org.junit.jupiter.api.Test;

class LabelEventsTest {

    @Test
    void mergesOverlappingAndTouchingEventsPerLabel() {
        LabelEvents events = LabelEvents.of(List.of(
                new SoundEvent("f", 3.0, 4.0, "dog"),
                new SoundEvent("f", 0.0, 1.0, "dog"),
                new SoundEvent("f", 1.0, 1.5, "dog"),   // touches [0, 1]
                new SoundEvent("f", 0.2, 0.4, "dog"),   // inside
                new SoundEvent("f", 0.5, 3.5, "cat")));
        assertEquals(List.of(new SoundEvent(0.0, 1.5, "dog"), new SoundEvent(3.0, 4.0, "dog")), events.forLabel("dog"));
        assertEquals(List.of(new SoundEvent(0.5, 3.5, "cat")), events.forLabel("cat"));
        assertEquals(List.of(), events.forLabel("bird"));
        assertEquals(List.of(), LabelEvents.of(null).forLabel("dog"));
    }
}
