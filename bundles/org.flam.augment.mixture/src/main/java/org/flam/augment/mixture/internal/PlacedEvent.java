package org.flam.augment.mixture.internal;

import org.flam.api.CorpusEntry;

/**
 * One event as placed into a mixture: its recording, how it was cut, its drawn loudness
 * offset, and its parts.
 *
 * @param entry    the event recording
 * @param shape    single, split or repeated
 * @param offsetDb the drawn loudness offset, dB: {@code 20 log10(rms(parts) * gain / backgroundRms)}
 * @param gain     linear gain applied to the parts in the mixture (before the mixture's peak
 *                 normalisation)
 * @param parts    the audible parts, samples after fades and before gain, in time order;
 *                 not to be modified
 * @param starts   first mixture sample of each part
 */
record PlacedEvent(CorpusEntry entry, Shape shape, double offsetDb, double gain, float[][] parts, int[] starts) {

    /** How an event was cut into parts (SPEC §4). */
    enum Shape {
        /** Placed once, whole. */
        SINGLE,
        /** Cut into consecutive segments of at least the minimum segment length, placed in order. */
        SPLIT,
        /** The whole event placed several times. */
        REPEATED
    }

    /** The label of the event: its caption text. */
    String label() {
        return entry.caption().text();
    }

    /** End (exclusive) mixture sample of part {@code p}. */
    int end(int p) {
        return starts[p] + parts[p].length;
    }
}
