package org.flam.detect.internal;

import java.util.ArrayList;
import java.util.List;

import org.flam.api.FrameGrid;
import org.flam.api.SoundEvent;

/**
 * Frame probabilities to events ({@code DetectionOptions}): frames with {@code p >= threshold}
 * are active; active runs separated by at most {@code maxGapSeconds} are merged; events
 * shorter than {@code minEventSeconds} are dropped. Boundaries are frame boundaries, the last
 * one clipped to the recording's duration.
 */
final class Events {

    private Events() {
    }

    static List<SoundEvent> of(String file, String label, float[] p, FrameGrid grid, double durationSeconds,
            double threshold, double minEventSeconds, double maxGapSeconds) {
        List<double[]> runs = new ArrayList<>();
        int f = 0;
        while (f < p.length) {
            if (p[f] >= threshold) {
                int start = f;
                while (f < p.length && p[f] >= threshold) {
                    f++;
                }
                runs.add(new double[] {grid.onset(start), Math.min(durationSeconds, grid.offset(f - 1))});
            } else {
                f++;
            }
        }
        List<double[]> merged = new ArrayList<>();
        for (double[] r : runs) {
            double[] prev = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            // A small tolerance so that a gap of exactly maxGapSeconds merges despite rounding.
            if (prev != null && r[0] - prev[1] <= maxGapSeconds + 1e-9) {
                prev[1] = r[1];
            } else {
                merged.add(r.clone());
            }
        }
        List<SoundEvent> events = new ArrayList<>();
        for (double[] r : merged) {
            if (r[1] - r[0] + 1e-9 >= minEventSeconds && r[1] > r[0]) {
                events.add(new SoundEvent(file, r[0], r[1], label));
            }
        }
        return events;
    }
}
