package org.flam.api.detect;

import java.util.Objects;

/**
 * How a {@link Detector} turns frame probabilities into events.
 *
 * <p>Order of post-processing, per query: (1) median filter of {@link #medianFilterFrames}
 * frames over the calibrated probabilities (SPEC §3; the filtered values are what
 * {@code Detection.probabilities()} reports); (2) frames with probability
 * {@code >= threshold} are active (the {@code sed_scores_eval} convention); (3) active runs
 * separated by at most {@link #maxGapSeconds} are merged; (4) events shorter than
 * {@link #minEventSeconds} are dropped. Event boundaries are frame boundaries of the
 * detection's grid.
 *
 * @param threshold          decision threshold on calibrated probabilities, in {@code [0, 1]};
 *                           0.5 is the calibrated boundary (SPEC §3)
 * @param medianFilterFrames median filter length in frames, odd, in
 *                           {@code [1, MAX_MEDIAN_FILTER_FRAMES]} (1 = off); frames of the
 *                           detection's grid, whatever its rate
 * @param minEventSeconds    shortest event kept, seconds, {@code >= 0} (0 keeps all)
 * @param maxGapSeconds      longest gap bridged between two events of one query, seconds,
 *                           {@code >= 0} (0 merges only touching events)
 * @param calibration        which calibrated output of SPEC §3 to report
 */
public record DetectionOptions(double threshold, int medianFilterFrames, double minEventSeconds,
        double maxGapSeconds, Calibration calibration) {

    /**
     * Longest median filter accepted, frames: 5 minutes at 3.2 frames/s, far beyond any event
     * scale. The bound keeps a request from asking for work and memory proportional to a
     * number it chose (a filter of 10^6 frames kept a server busy for minutes).
     */
    public static final int MAX_MEDIAN_FILTER_FRAMES = 1001;

    /** Threshold 0.5, 3-frame median filter (SPEC §3), no minimum duration, no gap merging, unbiased. */
    public static final DetectionOptions DEFAULTS =
            new DetectionOptions(0.5, 3, 0.0, 0.0, Calibration.UNBIASED);

    /** The calibrated outputs of SPEC §3 (Eq. 6-8). */
    public enum Calibration {
        /**
         * {@code p / (p + σ(b))} with {@code p = σ(s<a,e> + b)}: exact removal of the learned
         * prior {@code b}.
         */
        UNBIASED,
        /** {@code σ(s<a,e>)}: the approximation valid when {@code b << 0}. */
        APPROXIMATE
    }

    /**
     * Validates.
     *
     * @throws NullPointerException     if {@code calibration} is null
     * @throws IllegalArgumentException if a value is NaN, infinite or out of its range, or
     *                                  {@code medianFilterFrames} is even (an even median has
     *                                  no centre frame and would shift events by half a frame)
     */
    public DetectionOptions {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (medianFilterFrames < 1 || medianFilterFrames % 2 == 0 || medianFilterFrames > MAX_MEDIAN_FILTER_FRAMES) {
            throw new IllegalArgumentException("medianFilterFrames must be odd and in [1, "
                    + MAX_MEDIAN_FILTER_FRAMES + "], got " + medianFilterFrames);
        }
        if (!(minEventSeconds >= 0) || Double.isInfinite(minEventSeconds)) {
            throw new IllegalArgumentException(
                    "minEventSeconds must be finite and >= 0 s, got " + minEventSeconds);
        }
        if (!(maxGapSeconds >= 0) || Double.isInfinite(maxGapSeconds)) {
            throw new IllegalArgumentException(
                    "maxGapSeconds must be finite and >= 0 s, got " + maxGapSeconds);
        }
        Objects.requireNonNull(calibration, "calibration");
    }

    /** These options with another threshold. */
    public DetectionOptions withThreshold(double newThreshold) {
        return new DetectionOptions(newThreshold, medianFilterFrames, minEventSeconds,
                maxGapSeconds, calibration);
    }

    /** These options with another median filter length. */
    public DetectionOptions withMedianFilterFrames(int frames) {
        return new DetectionOptions(threshold, frames, minEventSeconds, maxGapSeconds,
                calibration);
    }

    /** These options with another minimum event duration. */
    public DetectionOptions withMinEventSeconds(double seconds) {
        return new DetectionOptions(threshold, medianFilterFrames, seconds, maxGapSeconds,
                calibration);
    }

    /** These options with another maximum merged gap. */
    public DetectionOptions withMaxGapSeconds(double seconds) {
        return new DetectionOptions(threshold, medianFilterFrames, minEventSeconds, seconds,
                calibration);
    }

    /** These options with another calibration. */
    public DetectionOptions withCalibration(Calibration newCalibration) {
        return new DetectionOptions(threshold, medianFilterFrames, minEventSeconds,
                maxGapSeconds, newCalibration);
    }
}
