package org.flam.train.internal;

import java.util.List;
import java.util.Map;

import org.flam.model.ModelDescription;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training batch as the graph's placeholders want it. {@code B} clips, {@code K} text
 * slots ({@code textSlotsPerClip × B}), {@code F} frames.
 *
 * @param logMel       {@code [B, mels, time]} log-mel in dB
 * @param textFeatures {@code [K, H_t]}; rows of padded slots are zero
 * @param frameLabels  {@code [B, F, K]}
 * @param clipMask     {@code [B]}, 1 for every real clip
 * @param labelledMask {@code [B]}, 1 for clips with frame labels (mixtures), 0 for pairs
 * @param textMask     {@code [K]}, 1 for real text slots
 * @param ownership    {@code [B, K]}, 1 iff text {@code k} is a caption of clip {@code i}
 * @param texts        the real texts, slot order
 * @param clipCaptions per clip, the captions of its events (a pair: its caption), in label order
 * @param backgrounds  per clip, its background's caption, or "" (pairs, fixed mixtures, noise)
 * @param pairs        clips that are caption-audio pairs
 * @param droppedTexts texts that did not fit into the {@code K} slots (normally 0)
 */
record Batch(INDArray logMel, INDArray textFeatures, INDArray frameLabels, INDArray clipMask,
        INDArray labelledMask, INDArray textMask, INDArray ownership, List<String> texts,
        List<List<String>> clipCaptions, List<String> backgrounds, int pairs, int droppedTexts) {

    /** Placeholder name of the labelled-clip mask (the clip mask of frame-label losses). */
    static final String LABELLED_MASK = "labelled_clip_mask";
    /** Placeholder names of the batch's other inputs. */
    static final String FRAME_LABELS = "frame_labels";
    static final String CLIP_MASK = "clip_mask";
    static final String TEXT_MASK = "text_mask";
    static final String OWNERSHIP = "ownership";

    int size() {
        return (int) logMel.size(0);
    }

    /** Placeholder name to array, for the model graph. */
    Map<String, INDArray> feeds() {
        return Map.of(ModelDescription.LOG_MEL, logMel, ModelDescription.TEXT_FEATURES, textFeatures,
                FRAME_LABELS, frameLabels, CLIP_MASK, clipMask, LABELLED_MASK, labelledMask,
                TEXT_MASK, textMask, OWNERSHIP, ownership);
    }
}
