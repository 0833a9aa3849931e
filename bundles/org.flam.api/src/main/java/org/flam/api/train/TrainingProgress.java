package org.flam.api.train;

import java.util.Map;

/**
 * A progress report of a running {@link Trainer}, sent after a step.
 *
 * @param step           steps completed, {@code 0 <= step <= totalSteps}
 * @param totalSteps     steps of the whole run, {@code > 0}
 * @param lossTerms      the step's loss terms by name as the losses return them (e.g.
 *                       {@code global}, {@code sed}, {@code prior}), already weighted, so
 *                       their sum is the optimised loss; NaN or infinite when the run
 *                       diverges; unmodifiable, sorted
 * @param clipsPerSecond training throughput over recent steps, clips per second,
 *                       finite, {@code >= 0}
 * @param etaSeconds     estimated seconds to completion, {@code >= 0}, or NaN while unknown
 *                       (before the first timed steps)
 */
public record TrainingProgress(long step, long totalSteps, Map<String, Double> lossTerms,
        double clipsPerSecond, double etaSeconds) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if {@code lossTerms}, a name or a value is null
     * @throws IllegalArgumentException if a count or rate is out of range
     */
    public TrainingProgress {
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("totalSteps must be > 0, got " + totalSteps);
        }
        if (step < 0 || step > totalSteps) {
            throw new IllegalArgumentException(
                    "step must be in [0, " + totalSteps + "], got " + step);
        }
        lossTerms = LossTerms.copy(lossTerms, "lossTerms");
        if (!(clipsPerSecond >= 0) || Double.isInfinite(clipsPerSecond)) {
            throw new IllegalArgumentException(
                    "clipsPerSecond must be finite and >= 0, got " + clipsPerSecond);
        }
        if (!Double.isNaN(etaSeconds) && !(etaSeconds >= 0 && Double.isFinite(etaSeconds))) {
            throw new IllegalArgumentException(
                    "etaSeconds must be finite and >= 0 s, or NaN if unknown, got " + etaSeconds);
        }
    }

    /** Fraction done, {@code step / totalSteps}, in {@code [0, 1]}. */
    public double fraction() {
        return step / (double) totalSteps;
    }

    /** Sum of the loss terms: the optimised loss. */
    public double totalLoss() {
        return lossTerms.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
