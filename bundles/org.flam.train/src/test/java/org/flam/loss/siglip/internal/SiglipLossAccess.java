package org.flam.loss.siglip.internal;

import org.flam.api.graph.Loss;

/** Test access to the SigLIP loss with its defaults (same package, class path only). */
public final class SiglipLossAccess {
    private SiglipLossAccess() {
    }

    public static Loss create() {
        return new SiglipLoss(SiglipLoss.INITIAL_LOGIT_SCALE, SiglipLoss.INITIAL_LOGIT_BIAS);
    }
}
