package org.flam.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a metric computed: named values and the curves behind them (SPEC §6).
 *
 * <p>Value naming: the headline value under the metric's own name (e.g. {@link #AUROC}), per
 * label values as {@code <name>/<label>} (e.g. {@code "auroc/dog barking"}), so reports can
 * be merged across metrics without clashes. Maps are sorted by name, so written reports are
 * stable.
 *
 * <p>A value may be NaN where it is undefined (e.g. a ROC for a label without positives),
 * since dropping it silently would change means; it may not be infinite.
 *
 * @param metric name of the metric that produced it, e.g. {@link #PSDS1}; not blank
 * @param values value name to value; unmodifiable, sorted
 * @param curves curve name to curve, e.g. {@code "roc/dog barking"}; unmodifiable, sorted
 */
public record MetricResult(String metric, Map<String, Double> values, Map<String, Curve> curves) {

    /** Polyphonic sound detection score, scenario 1 (DTC = GTC = 0.7, max eFPR 100/h). */
    public static final String PSDS1 = "psds1";
    /** Mean partial AUROC up to FPR 0.1, 1 s segments. */
    public static final String MPAUC = "mpauc";
    /** Mean AUROC, 0.3125 s segments. */
    public static final String AUROC = "auroc";
    /** Mean Spearman rank correlation between frame outputs and ground truth per event. */
    public static final String SPEARMAN = "spearman";
    /** F1 score of detected events at a threshold (calibration check). */
    public static final String F1 = "f1";
    /** Text-to-audio retrieval recall at 1. */
    public static final String R1_TEXT_TO_AUDIO = "r1_t2a";
    /** Text-to-audio retrieval recall at 5. */
    public static final String R5_TEXT_TO_AUDIO = "r5_t2a";
    /** Audio-to-text retrieval recall at 1. */
    public static final String R1_AUDIO_TO_TEXT = "r1_a2t";
    /** Audio-to-text retrieval recall at 5. */
    public static final String R5_AUDIO_TO_TEXT = "r5_a2t";
    /** Zero-shot classification accuracy with class names as queries. */
    public static final String ZERO_SHOT_ACCURACY = "zero_shot_accuracy";

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if an argument, a name, a value or a curve is null
     * @throws IllegalArgumentException if a name is blank or a value is infinite
     */
    public MetricResult {
        Checks.nonBlank(metric, "metric");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(curves, "curves");
        Map<String, Double> v = new TreeMap<>();
        values.forEach((name, value) -> {
            Checks.nonBlank(name, "values name");
            Objects.requireNonNull(value, "values[" + name + "]");
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException("values[" + name + "] must be finite or NaN, got " + value);
            }
            v.put(name, value);
        });
        Map<String, Curve> c = new TreeMap<>();
        curves.forEach((name, curve) -> {
            Checks.nonBlank(name, "curves name");
            c.put(name, Objects.requireNonNull(curve, "curves[" + name + "]"));
        });
        values = Collections.unmodifiableMap(v);
        curves = Collections.unmodifiableMap(c);
    }

    /** A result with values only. */
    public MetricResult(String metric, Map<String, Double> values) {
        this(metric, values, Map.of());
    }

    /** The value named {@code name}, if present. */
    public Optional<Double> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The headline value, under {@link #metric()}'s own name, if present. */
    public Optional<Double> headline() {
        return value(metric);
    }

    /**
     * A curve: paired points {@code (x[i], y[i])}, in the order the metric produced them
     * (e.g. increasing threshold or FPR). The record owns its arrays: the constructor copies
     * them and the accessors return new copies owned by the caller.
     *
     * @param xAxis name and unit of x, e.g. {@code "eFPR (1/h)"} or {@code "threshold"}
     * @param yAxis name and unit of y, e.g. {@code "TPR"} or {@code "F1"}
     * @param x     x values, same length as {@code y}, no NaN (infinite thresholds are
     *              allowed, as {@code sed_scores_eval} uses them)
     * @param y     y values, no NaN
     */
    public record Curve(String xAxis, String yAxis, double[] x, double[] y) {

        /**
         * Validates and copies.
         *
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if an axis name is blank, lengths differ or a
         *                                  value is NaN
         */
        public Curve {
            Checks.nonBlank(xAxis, "xAxis");
            Checks.nonBlank(yAxis, "yAxis");
            x = Objects.requireNonNull(x, "x").clone();
            y = Objects.requireNonNull(y, "y").clone();
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "x and y must have the same length, got " + x.length + " and " + y.length);
            }
            for (int i = 0; i < x.length; i++) {
                if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                    throw new IllegalArgumentException("point " + i + " must not be NaN, got ("
                            + x[i] + ", " + y[i] + ")");
                }
            }
        }

        /** Returns a new copy of the x values, owned by the caller. */
        @Override
        public double[] x() {
            return x.clone();
        }

        /** Returns a new copy of the y values, owned by the caller. */
        @Override
        public double[] y() {
            return y.clone();
        }

        /** Number of points. */
        public int size() {
            return x.length;
        }

        /** Equal when axis names and every point are equal. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Curve other
                    && xAxis.equals(other.xAxis) && yAxis.equals(other.yAxis)
                    && Arrays.equals(x, other.x) && Arrays.equals(y, other.y);
        }

        @Override
        public int hashCode() {
            return Objects.hash(xAxis, yAxis, Arrays.hashCode(x), Arrays.hashCode(y));
        }

        /** Axis names and size; not the points. */
        @Override
        public String toString() {
            return "Curve[" + yAxis + " vs " + xAxis + ", " + x.length + " points]";
        }
    }
}
