package org.flam.metrics.internal.ranking;

import java.util.Arrays;

/** Rank computations shared by Spearman alignment, retrieval and zero-shot accuracy. */
public final class Ranks {

    private Ranks() {
    }

    /**
     * Ranks {@code 1 .. n} of {@code x} in ascending order, tied values sharing the mean of
     * the ranks they span (the "average" method of {@code scipy.stats.rankdata}, which
     * Spearman's ρ with ties needs).
     *
     * @param x values, none NaN
     * @return {@code double[n]}, a multiple of 0.5 each
     */
    public static double[] averageRanks(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a] + 0.0, x[b] + 0.0));
        double[] ranks = new double[x.length];
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            while (end < order.length && x[order[end]] == x[order[start]]) {
                end++;
            }
            // positions start .. end-1 hold ranks start+1 .. end: their mean
            double rank = (start + 1 + end) / 2.0;
            for (int i = start; i < end; i++) {
                ranks[order[i]] = rank;
            }
            start = end;
        }
        return ranks;
    }

    /**
     * Pessimistic rank of the best correct candidate, 1 = first: one plus the number of
     * wrong candidates scoring at least as high as the best-scoring correct one. Ties with a
     * wrong candidate are lost (a model that gives every candidate the same score ranks every
     * correct one last, not first); ties among correct candidates cost nothing, since either
     * is a hit.
     *
     * @param scores  score of each candidate, higher = better, none NaN
     * @param correct which candidates are correct, same length, at least one set
     * @return the rank, in {@code 1 .. n - #correct + 1}
     * @throws IllegalArgumentException if no candidate is correct
     */
    public static int pessimisticRank(double[] scores, boolean[] correct) {
        double best = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (int i = 0; i < scores.length; i++) {
            if (correct[i]) {
                best = any ? Math.max(best, scores[i]) : scores[i];
                any = true;
            }
        }
        if (!any) {
            throw new IllegalArgumentException("no correct candidate");
        }
        int rank = 1;
        for (int i = 0; i < scores.length; i++) {
            if (!correct[i] && scores[i] >= best) {
                rank++;
            }
        }
        return rank;
    }
}
