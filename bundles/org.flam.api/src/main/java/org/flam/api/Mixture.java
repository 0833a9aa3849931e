package org.flam.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A synthesized training clip (SPEC §4): one background plus events, the events' times, and
 * frame labels at the encoder's frame rate; reproducible from (corpus, {@link #seed},
 * {@link #index}).
 *
 * @param audio       the mixture, samples in {@code [-1, 1]}; {@code audio.id()} names it
 *                    (e.g. {@code "mix_s42_000017"})
 * @param events      the placed events, labelled with their captions, seconds from the start of
 *                    the mixture, before loudness correction (a repeated or split event is one
 *                    event per audible part); each filename null or {@code audio.id()};
 *                    unmodifiable
 * @param frameLabels targets {@code z_{f,k}} in {@code [0, 1]} after loudness correction and
 *                    pooling to the encoder's grid, {@code float[F][K]}, one column per distinct
 *                    event label (exactly those)
 * @param background  the background recording and the part of it that was used
 * @param seed        the synthesis seed
 * @param index       the mixture's index in the seed's sequence, {@code >= 0}
 */
public record Mixture(AudioClip audio, List<SoundEvent> events, FrameScores frameLabels,
        Background background, long seed, long index) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if an argument or an event is null
     * @throws IllegalArgumentException if an event belongs to another file or ends after the
     *                                  audio; the label columns are not exactly the distinct
     *                                  event labels; a label is outside {@code [0, 1]}; the
     *                                  label grid's duration differs from the audio's by more
     *                                  than one frame; or {@code index < 0}
     */
    public Mixture {
        Objects.requireNonNull(audio, "audio");
        events = List.copyOf(events);
        Objects.requireNonNull(frameLabels, "frameLabels");
        Objects.requireNonNull(background, "background");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        double duration = audio.durationSeconds();
        Set<String> eventLabels = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            SoundEvent e = events.get(i);
            if (e.filename() != null && !e.filename().equals(audio.id())) {
                throw new IllegalArgumentException("events[" + i + "] belongs to \"" + e.filename()
                        + "\", not to this mixture \"" + audio.id() + "\"");
            }
            // Half a sample of slack: offsets computed in seconds from sample counts round.
            if (e.offset() > duration + 0.5 / audio.sampleRate()) {
                throw new IllegalArgumentException("events[" + i + "] ends at " + e.offset()
                        + " s, after the mixture's " + duration + " s");
            }
            eventLabels.add(e.label());
        }
        if (!eventLabels.equals(new HashSet<>(frameLabels.labels()))) {
            throw new IllegalArgumentException("frameLabels columns " + frameLabels.labels()
                    + " must be exactly the distinct event labels " + eventLabels);
        }
        FrameGrid grid = frameLabels.grid();
        if (Math.abs(grid.durationSeconds() - duration) > grid.frameSeconds()) {
            throw new IllegalArgumentException("frameLabels grid covers " + grid.durationSeconds()
                    + " s, but the audio lasts " + duration + " s");
        }
        for (int f = 0; f < frameLabels.frameCount(); f++) {
            for (int k = 0; k < frameLabels.labels().size(); k++) {
                float z = frameLabels.score(f, k);
                if (!(z >= 0f && z <= 1f)) {
                    throw new IllegalArgumentException(
                            "frameLabels[" + f + "][" + k + "] must be in [0, 1], got " + z);
                }
            }
        }
    }

    /**
     * The background of a mixture.
     *
     * @param entry        the corpus recording used as background
     *                     ({@link CorpusEntry.Kind#BACKGROUND})
     * @param startSeconds where in that recording the mixture's excerpt starts, seconds,
     *                     {@code 0 <= startSeconds < entry.durationSeconds()}
     */
    public record Background(CorpusEntry entry, double startSeconds) {

        /**
         * {@link CorpusEntry#source()} of a background the synthesizer generated (coloured
         * noise) because no recording fitted; its path names the noise, e.g.
         * {@code generated/pink-noise}.
         */
        public static final String GENERATED_SOURCE = "flam-generated";

        /** Whether this background is generated noise rather than a corpus recording. */
        public boolean generated() {
            return GENERATED_SOURCE.equals(entry.source());
        }

        /**
         * Validates.
         *
         * @throws NullPointerException     if {@code entry} is null
         * @throws IllegalArgumentException if {@code startSeconds} is outside the recording
         */
        public Background {
            Objects.requireNonNull(entry, "entry");
            if (!(startSeconds >= 0 && startSeconds < entry.durationSeconds())) {
                throw new IllegalArgumentException("startSeconds must be in [0, "
                        + entry.durationSeconds() + ") s, got " + startSeconds);
            }
        }
    }
}
