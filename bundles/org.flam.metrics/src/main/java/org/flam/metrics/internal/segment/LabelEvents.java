package org.flam.metrics.internal.segment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.flam.api.SoundEvent;
import org.flam.metrics.SedPostprocessing;

/**
 * The ground truth of one file grouped by label, with events of one label that overlap or
 * touch merged into one ({@link SedPostprocessing#mergeOverlapping}, SPEC §6:
 * {@code sed_scores_eval} refuses connected events, and a segment or frame target would
 * count them once anyway), each label's events sorted by onset.
 */
public final class LabelEvents {

    private final Map<String, List<SoundEvent>> byLabel;

    private LabelEvents(Map<String, List<SoundEvent>> byLabel) {
        this.byLabel = byLabel;
    }

    /**
     * Groups and merges.
     *
     * @param events the file's ground-truth events (filename ignored); {@code null} is a file
     *               without events
     */
    public static LabelEvents of(List<SoundEvent> events) {
        List<SoundEvent> unnamed = new ArrayList<>();
        if (events != null) {
            for (SoundEvent e : events) {
                // the map key names the file; a stray filename must not split a label's events
                unnamed.add(Objects.requireNonNull(e, "ground-truth event").withFilename(null));
            }
        }
        Map<String, List<SoundEvent>> byLabel = new LinkedHashMap<>();
        for (SoundEvent e : SedPostprocessing.mergeOverlapping(unnamed)) {
            byLabel.computeIfAbsent(e.label(), l -> new ArrayList<>()).add(e);
        }
        return new LabelEvents(byLabel);
    }

    /** The merged events of {@code label}, sorted by onset; empty if it has none. */
    public List<SoundEvent> forLabel(String label) {
        return byLabel.getOrDefault(label, List.of());
    }
}
