package org.flam.augment.mixture.internal;

import org.flam.api.CorpusEntry;
import org.flam.data.corpus.CorpusSplit;

/**
 * Which part of the corpus a mixture draws from. Two stable, seed-independent hash rules of
 * {@link CorpusSplit} decide it: a recording is <b>held out</b> by its path
 * ({@code unit(path) < heldoutFraction}, the paper's "Held-out" protocol, §5.1), and a whole
 * <b>label group</b> is held out for zero-shot tests by its group key
 * ({@code groupUnit(group) < zeroShotGroupFraction}). A hash, not a random draw, because the seed
 * must not decide what is held out: training runs with different seeds must share one test set.
 *
 * <table>
 * <caption>What each split draws</caption>
 * <tr><th>split</th><th>events</th><th>backgrounds</th></tr>
 * <tr><td>{@link #TRAIN}</td><td colspan="2">path not held out and group not held out</td></tr>
 * <tr><td>{@link #HELDOUT}</td><td colspan="2">path held out and group not held out</td></tr>
 * <tr><td>{@link #ZEROSHOT}</td><td>group held out (any path)</td><td>as HELDOUT</td></tr>
 * </table>
 *
 * <p>So {@code TRAIN} shares no recording and no label group with either test split.
 * {@code HELDOUT} keeps the paper's meaning, unseen recordings of concepts that training has
 * heard named, and therefore leaves out held-out groups (their recordings belong to the zero-shot
 * test; with {@code zeroShotGroupFraction = 0} it is exactly the path rule). {@code ZEROSHOT} asks
 * for concepts never named in training, on beds never trained on; a background of a held-out
 * group is used nowhere, since an unlabelled bed sounding like a queried concept would blur that
 * test. The two test splits share backgrounds and no event recording.
 */
public enum Split {
    /** Recordings with neither the path nor the label group held out. */
    TRAIN,
    /** Recordings with a held-out path whose label group is not held out: unseen recordings of known concepts. */
    HELDOUT,
    /** Events of held-out label groups over HELDOUT's backgrounds: concepts never named in training. */
    ZEROSHOT;

    /**
     * The split of the recording at {@code path} by the path rule alone, as before label groups:
     * {@link #HELDOUT} iff {@code unit(path) < heldoutFraction}, else {@link #TRAIN}.
     */
    static Split of(String path, double heldoutFraction) {
        return unit(path) < heldoutFraction ? HELDOUT : TRAIN;
    }

    /**
     * Whether this split draws {@code entry} (as an event if it is one, else as a background)
     * at the given fractions; see the class comment.
     */
    boolean draws(CorpusEntry entry, double heldoutFraction, double zeroShotGroupFraction) {
        boolean pathHeld = CorpusSplit.isHeldout(entry.path(), heldoutFraction);
        boolean groupHeld = CorpusSplit.isZeroShot(entry, zeroShotGroupFraction);
        return switch (this) {
            case TRAIN -> !pathHeld && !groupHeld;
            case HELDOUT -> pathHeld && !groupHeld;
            case ZEROSHOT -> entry.kind() == CorpusEntry.Kind.EVENT ? groupHeld : pathHeld && !groupHeld;
        };
    }

    /** The path's position {@code u} in {@code [0, 1)} ({@link CorpusSplit#unit}). */
    static double unit(String path) {
        return CorpusSplit.unit(path);
    }
}
