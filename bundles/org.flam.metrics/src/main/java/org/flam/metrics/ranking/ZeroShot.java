package org.flam.metrics.ranking;

import org.flam.metrics.internal.ranking.Ranks;

/**
 * Zero-shot classification accuracy (SPEC §6): each clip is classified by the class name
 * (used as a text query) most similar to it.
 *
 * <p><b>Ties count as errors</b>: a clip is correct only if its true class scores strictly
 * higher than every other class (the pessimistic rank of {@link Retrieval}). Picking the
 * lowest index among tied classes would make the accuracy depend on the order of the class
 * list, and a model that scores every class equally would score 1 / classes by luck of
 * ordering; here it scores 0. Stateless.
 */
public final class ZeroShot {

    private ZeroShot() {
    }

    /**
     * Top-1 accuracy.
     *
     * @param similarity {@code double[clips][classes]}, rectangular, at least 1 x 1, no NaN;
     *                   higher = more similar
     * @param trueClass  per clip, the index of its class
     * @return the fraction of clips whose true class is the unique most similar one, in
     *         {@code [0, 1]}
     * @throws IllegalArgumentException if shapes or indices do not fit or a similarity is NaN
     */
    public static double accuracy(double[][] similarity, int[] trueClass) {
        int classes = Similarities.check(similarity, trueClass, "[clips][classes]");
        int correct = 0;
        for (int c = 0; c < similarity.length; c++) {
            boolean[] truth = new boolean[classes];
            truth[trueClass[c]] = true;
            if (Ranks.pessimisticRank(similarity[c], truth) == 1) {
                correct++;
            }
        }
        return (double) correct / similarity.length;
    }
}
