package org.flam.api.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The named graph variables a {@link Loss} reads. {@code B} clip slots, {@code F} frames,
 * {@code K} text slots (the deduplicated union of the batch's captions, padded to a fixed
 * count such as {@code 5 B}, SPEC §2.3), {@code D} embedding size. Masks and labels are
 * float32 with values 0 or 1 (labels may be fractional after pooling).
 *
 * <p>Any component may be null where the trainer has no such input (e.g. no frame labels in
 * stage 1); a loss declares what it reads in {@link Loss#inputs()} and calls
 * {@link #require} before building, so a wrong assembly fails with the missing input's name.
 *
 * @param frameEmbeddings  {@code [B, F, D]}, L2-normalised
 * @param globalEmbeddings {@code [B, D]}, L2-normalised
 * @param textEmbeddings   {@code [K, D]}, L2-normalised
 * @param logitScale       {@code s}, {@code [K]}, positive
 * @param logitBias        {@code b}, {@code [K]}
 * @param frameLabels      {@code z}, {@code [B, F, K]}: 1 iff text {@code k} describes an event
 *                         of clip {@code i} active at frame {@code f}; texts of other clips are 0
 * @param clipMask         {@code [B]}: 1 for real clips, 0 for padding. For a loss that
 *                         reads {@link Input#FRAME_LABELS}, 1 only for clips whose frame
 *                         labels are known (frame-labelled mixtures), so caption-audio pairs
 *                         of a mixed batch train the global losses only
 * @param textMask         {@code [K]}: 1 for real texts, 0 for padding
 * @param ownership        {@code [B, K]}: 1 iff text {@code k} is a caption of clip {@code i}
 *                         (the positive pairs of global losses), 0 in padded rows and columns
 */
public record LossInputs(SDVariable frameEmbeddings, SDVariable globalEmbeddings,
        SDVariable textEmbeddings, SDVariable logitScale, SDVariable logitBias,
        SDVariable frameLabels, SDVariable clipMask, SDVariable textMask, SDVariable ownership) {

    /** Names of the inputs, for {@link Loss#inputs()} and {@link #get}. */
    public enum Input {
        /** {@link LossInputs#frameEmbeddings()}. */
        FRAME_EMBEDDINGS,
        /** {@link LossInputs#globalEmbeddings()}. */
        GLOBAL_EMBEDDINGS,
        /** {@link LossInputs#textEmbeddings()}. */
        TEXT_EMBEDDINGS,
        /** {@link LossInputs#logitScale()}. */
        LOGIT_SCALE,
        /** {@link LossInputs#logitBias()}. */
        LOGIT_BIAS,
        /** {@link LossInputs#frameLabels()}. */
        FRAME_LABELS,
        /** {@link LossInputs#clipMask()}. */
        CLIP_MASK,
        /** {@link LossInputs#textMask()}. */
        TEXT_MASK,
        /** {@link LossInputs#ownership()}. */
        OWNERSHIP
    }

    /**
     * The inputs from the heads plus the batch's labels and masks, any of which may be null.
     */
    public static LossInputs of(HeadOutputs heads, SDVariable frameLabels, SDVariable clipMask,
            SDVariable textMask, SDVariable ownership) {
        Objects.requireNonNull(heads, "heads");
        return new LossInputs(heads.frameEmbeddings(), heads.globalEmbeddings(),
                heads.textEmbeddings(), heads.logitScale(), heads.logitBias(), frameLabels,
                clipMask, textMask, ownership);
    }

    /** The variable of {@code input}, or null if absent. */
    public SDVariable get(Input input) {
        return switch (input) {
            case FRAME_EMBEDDINGS -> frameEmbeddings;
            case GLOBAL_EMBEDDINGS -> globalEmbeddings;
            case TEXT_EMBEDDINGS -> textEmbeddings;
            case LOGIT_SCALE -> logitScale;
            case LOGIT_BIAS -> logitBias;
            case FRAME_LABELS -> frameLabels;
            case CLIP_MASK -> clipMask;
            case TEXT_MASK -> textMask;
            case OWNERSHIP -> ownership;
        };
    }

    /**
     * Checks that every input in {@code needed} is present.
     *
     * @param needed what the loss reads, usually {@link Loss#inputs()}
     * @param loss   the loss's name, for the message
     * @throws IllegalArgumentException naming the loss and every missing input
     */
    public void require(Set<Input> needed, String loss) {
        List<Input> missing = new ArrayList<>();
        for (Input input : Input.values()) {
            if (needed.contains(input) && get(input) == null) {
                missing.add(input);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("loss " + loss + " needs inputs " + missing
                    + ", which the trainer did not provide");
        }
    }
}
