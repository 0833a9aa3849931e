package org.flam.loss.softmax.internal;

import org.flam.api.graph.Loss;

/** Test access to the softmax loss with its defaults (same package, class path only). */
public final class SoftmaxLossAccess {
    private SoftmaxLossAccess() {
    }

    public static Loss create() {
        return new SoftmaxLoss(SoftmaxLoss.INITIAL_TEMPERATURE, SoftmaxLoss.MAX_LOGIT_SCALE);
    }
}
