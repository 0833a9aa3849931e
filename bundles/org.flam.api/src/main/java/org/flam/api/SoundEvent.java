package org.flam.api;

import java.util.Optional;

/**
 * One labelled sound event: a row of a DCASE TSV file
 * ({@code filename onset offset event_label}), used for ground truth, detector output and the
 * events placed into synthesized mixtures.
 *
 * <p>Times are seconds from the start of the file. The interval is half-open,
 * {@code [onset, offset)}, matching frame grids ({@link FrameGrid#onset(int)}).
 *
 * @param filename the file the event belongs to, or {@code null} where the file is implied by
 *                 context (e.g. the events of one {@link Detection}); when present TSV-safe and
 *                 not blank
 * @param onset    start in seconds, finite, {@code >= 0}
 * @param offset   end in seconds, finite, {@code > onset}
 * @param label    the event's label or caption, e.g. {@code "dog barking"}; TSV-safe, not blank
 */
public record SoundEvent(String filename, double onset, double offset, String label) {

    /**
     * Validates.
     *
     * @throws NullPointerException     if {@code label} is null
     * @throws IllegalArgumentException if a time is not finite, {@code onset < 0},
     *                                  {@code offset <= onset} (a zero-length event cannot be
     *                                  detected and breaks intersection-based metrics), or a
     *                                  string is blank or holds a tab or line break
     */
    public SoundEvent {
        if (filename != null) {
            Checks.tsvCell(filename, "filename");
        }
        Checks.tsvCell(label, "label");
        Checks.finite(onset, "onset");
        Checks.finite(offset, "offset");
        if (onset < 0) {
            throw new IllegalArgumentException("onset must be >= 0 s, got " + onset);
        }
        if (!(offset > onset)) {
            throw new IllegalArgumentException(
                    "offset must be > onset (" + onset + " s), got " + offset);
        }
    }

    /** An event without a file name. */
    public SoundEvent(double onset, double offset, String label) {
        this(null, onset, offset, label);
    }

    /** The file name, if any. */
    public Optional<String> file() {
        return Optional.ofNullable(filename);
    }

    /** The same event in another file ({@code null} for none). */
    public SoundEvent withFilename(String newFilename) {
        return new SoundEvent(newFilename, onset, offset, label);
    }

    /** Duration in seconds, {@code offset - onset}, always {@code > 0}. */
    public double duration() {
        return offset - onset;
    }

    /**
     * Whether this event and {@code other} overlap or touch in time
     * ({@code onset <= other.offset && other.onset <= offset}), ignoring file and label.
     * Ground-truth events of one label that overlap or touch are merged before scoring
     * (SPEC §6).
     */
    public boolean overlapsOrTouches(SoundEvent other) {
        return onset <= other.offset && other.onset <= offset;
    }
}
