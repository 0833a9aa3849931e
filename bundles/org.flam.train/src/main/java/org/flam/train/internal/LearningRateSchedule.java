package org.flam.train.internal;

/**
 * Cosine warm-up then linear decay (SPEC §5). With peak {@code η}, warm-up {@code W} steps,
 * {@code S} steps in all and final fraction {@code φ}, the rate of step {@code s = 1..S} is
 * {@code η (1 - cos(π s / W)) / 2} for {@code s < W}, and
 * {@code η (1 - (1 - φ) (s - W) / (S - W))} from {@code s = W} on ({@code η} at {@code W},
 * {@code φ η} at {@code S}).
 */
record LearningRateSchedule(double peak, long warmupSteps, long totalSteps, double finalFraction) {

    LearningRateSchedule {
        if (!(peak >= 0) || Double.isInfinite(peak)) {
            throw new IllegalArgumentException("learningRate must be finite and >= 0, got " + peak);
        }
        if (warmupSteps < 0 || totalSteps <= 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0 and steps > 0, got "
                    + warmupSteps + " and " + totalSteps);
        }
        if (!(finalFraction >= 0 && finalFraction <= 1)) {
            throw new IllegalArgumentException("finalLearningRateFraction must be in [0, 1], got " + finalFraction);
        }
    }

    /** The learning rate of step {@code s} (1-based). */
    double rate(long s) {
        long w = Math.min(warmupSteps, totalSteps);
        if (s < w) {
            return peak * (1 - Math.cos(Math.PI * s / w)) / 2;
        }
        if (totalSteps == w) {
            return peak;
        }
        double t = (double) (s - w) / (totalSteps - w);
        return peak * (1 - (1 - finalFraction) * Math.min(1, t));
    }
}
