package org.flam.api.graph;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Graph-building helpers that graph builders share, where the obvious SameDiff op is slower
 * than an equivalent composition in ND4J 1.0.0-M2.1.
 */
public final class GraphOps {

    private GraphOps() {
    }

    /**
     * {@code max(x, 0)} as {@code x · [x > 0]}: the same values (a negative input gives
     * {@code -0.0}, which compares equal to 0) and the same gradient, {@code 1} for
     * {@code x > 0} and {@code 0} elsewhere (SameDiff treats the comparison as a constant, as
     * {@code relu}'s backward treats the kink). Forward and backward together took a third of
     * the time of {@code sd.nn.relu(x, 0)}, whose backward ({@code thresholdedrelu_bp}) was the
     * third-slowest op type of a training step ({@code TrainStepBench}).
     *
     * @param x any shape, a floating-point type
     * @return same shape and type
     */
    public static SDVariable relu(SDVariable x) {
        return x.mul(x.gt(0.0).castTo(x.dataType()));
    }
}
