package org.flam.metrics.internal.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The best single threshold of an F1 metric: the decision threshold, shared by all labels,
 * that maximises the macro F1 (the headline of {@link F1Evaluation}), so that a report can
 * show how far the chosen threshold (0.5 for calibrated outputs) is from the best one.
 *
 * <p>Thresholds follow the metric's rule: at {@code t} an item is detected where its score is
 * {@code > t}, compared in float32. As {@code t} rises the operating point of a label changes
 * only where {@code t} reaches one of its distinct scores, so the macro F1 is a step function
 * of {@code t}, constant on the intervals {@code [p_i, p_{i+1})} between consecutive
 * breakpoints {@code p}: the distinct scores of every label with references that lie strictly
 * inside the search range {@code [a, b)}, plus {@code a} and {@code b}, where
 * {@code a = min(0, lowest score)} and {@code b = max(1, highest score)} (for probabilities:
 * {@code [0, 1)}, the range of {@code --threshold}). Each interval is evaluated once, in one
 * sweep over the sorted scores (every label's operating point only moves forward), so the
 * search costs {@code O(n log n)} in the number of distinct (label, score) pairs, whatever
 * the number of labels.
 *
 * <p>The best interval is the one with the highest macro F1; intervals whose macro F1 is
 * within {@code 1e-12} of it tie, and among them the one nearest the reference threshold
 * (distance 0 if it contains it) wins, then the lower one. The reported threshold is the
 * reference threshold itself if it lies in that interval (so "the chosen threshold is already
 * the best" reads as the same number), else the interval's midpoint (or its lower end where
 * the midpoint would round, in float32, out of the interval). The reported F1, precision and
 * recall are then computed afresh at that threshold by {@link F1Evaluation}'s own rule, so
 * they equal what the metric reports when given that threshold.
 */
final class BestThreshold {

    /** Macro F1 values closer than this are a tie. */
    static final double TIE = 1e-12;

    /**
     * The best interval.
     *
     * @param threshold the reported threshold, inside {@code [low, high)}
     * @param low       the interval's lower end (inclusive)
     * @param high      the interval's upper end (exclusive)
     */
    record Interval(double threshold, double low, double high) {
    }

    private BestThreshold() {
    }

    /**
     * Finds the best interval over the labels with references; {@code null} if there is none
     * (macro F1 undefined everywhere).
     *
     * @param curves     per label its counts; {@code references[i]} belongs to {@code curves.get(i)}
     * @param references per label its number of references
     * @param reference  the threshold that ties are settled towards (the metric's threshold)
     */
    static Interval find(List<ThresholdCurve> curves, long[] references, double reference) {
        List<Integer> defined = new ArrayList<>();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        int events = 0;
        for (int l = 0; l < curves.size(); l++) {
            if (references[l] > 0) {
                defined.add(l);
                ThresholdCurve c = curves.get(l);
                if (c.size() > 0) {
                    lowest = Math.min(lowest, c.threshold(0));
                    highest = Math.max(highest, c.threshold(c.size() - 1));
                    events += c.size();
                }
            }
        }
        if (defined.isEmpty()) {
            return null;
        }
        double a = Math.min(0, lowest);
        double b = Math.max(1, highest);
        // every (score, label) step, sorted by score: when t reaches the score, the label's
        // operating point moves one forward. Sorted as primitive longs: the rank of the score
        // among all distinct scores in the high half, the label in the low half.
        double[] distinct = new double[events];
        int n = 0;
        for (int l : defined) {
            ThresholdCurve c = curves.get(l);
            for (int k = 0; k < c.size(); k++) {
                distinct[n++] = c.threshold(k);
            }
        }
        Arrays.sort(distinct);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || distinct[i] != distinct[m - 1]) {
                distinct[m++] = distinct[i];
            }
        }
        long[] steps = new long[n];
        int s = 0;
        for (int d = 0; d < defined.size(); d++) {
            ThresholdCurve c = curves.get(defined.get(d));
            for (int k = 0; k < c.size(); k++) {
                steps[s++] = (long) Arrays.binarySearch(distinct, 0, m, c.threshold(k)) << 32 | d;
            }
        }
        Arrays.sort(steps);

        int labels = defined.size();
        int[] point = new int[labels];
        double[] f1 = new double[labels];
        double sum = 0;
        for (int d = 0; d < labels; d++) {
            f1[d] = f1(curves.get(defined.get(d)), 0, references[defined.get(d)]);
            sum += f1[d];
        }
        double bestF1 = Double.NEGATIVE_INFINITY;
        double bestLow = Double.NaN;
        double bestHigh = Double.NaN;
        double bestDistance = Double.POSITIVE_INFINITY;
        int next = 0;
        double low = a;
        while (true) {
            // apply every step whose score is <= low: those scores are no longer detected
            while (next < n && distinct[(int) (steps[next] >>> 32)] <= low) {
                int d = (int) steps[next];
                int l = defined.get(d);
                point[d]++;
                double updated = f1(curves.get(l), point[d], references[l]);
                sum += updated - f1[d];
                f1[d] = updated;
                next++;
            }
            double high = next < n ? Math.min(distinct[(int) (steps[next] >>> 32)], b) : b;
            double macro = sum / labels;
            double distance = reference < low ? low - reference : reference >= high ? reference - high : 0;
            if (macro > bestF1 + TIE || (macro >= bestF1 - TIE && distance < bestDistance)) {
                bestF1 = Math.max(macro, bestF1);
                bestLow = low;
                bestHigh = high;
                bestDistance = distance;
            }
            if (high >= b) {
                break;
            }
            low = high;
        }
        return new Interval(representative(bestLow, bestHigh, reference), bestLow, bestHigh);
    }

    /** The reference if {@code [low, high)} holds it (in float32), else the midpoint, else {@code low}. */
    static double representative(double low, double high, double reference) {
        if (inside((float) reference, low, high)) {
            return reference;
        }
        double mid = low + (high - low) / 2;
        return inside((float) mid, low, high) ? mid : low;
    }

    private static boolean inside(float t, double low, double high) {
        return t >= low && t < high;
    }

    private static double f1(ThresholdCurve c, int k, long references) {
        return k >= c.size() ? new FScore(0, 0, references).f1() : new FScore(c.tp(k), c.fp(k), references).f1();
    }
}
