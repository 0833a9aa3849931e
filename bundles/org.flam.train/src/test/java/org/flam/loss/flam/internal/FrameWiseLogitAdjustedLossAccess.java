package org.flam.loss.flam.internal;

import org.flam.api.graph.Loss;

/** Test access to the FLAM loss (same package, class path only). */
public final class FrameWiseLogitAdjustedLossAccess {
    private FrameWiseLogitAdjustedLossAccess() {
    }

    public static Loss create(double lambdaSed) {
        return new FrameWiseLogitAdjustedLoss(lambdaSed, FrameWiseLogitAdjustedLoss.DEFAULT_CHUNK_SIZE,
                FrameWiseLogitAdjustedLoss.DEFAULT_TEXT_SLOTS_PER_CLIP);
    }
}
