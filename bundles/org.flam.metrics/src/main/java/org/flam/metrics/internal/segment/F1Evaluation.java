package org.flam.metrics.internal.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.flam.api.MetricResult;
import org.flam.api.MetricResult.Curve;

/**
 * F1 at one threshold and F1 against threshold, from per-label counts; shared by
 * {@link SegmentF1Metric} and {@link CollarF1Metric}.
 *
 * <p>Threshold rules, both {@code sed_scores_eval}'s: at the given threshold {@code t} an
 * item is detected where its score is {@code > t} ({@code fscore(threshold=t)} and
 * {@code scores_to_event_list}); the curve's point at {@code x = u}, a distinct score,
 * detects scores {@code >= u} (its change points), i.e. it is the operating point of every
 * threshold in {@code [u', u)} with {@code u'} the next lower distinct score. The curve ends
 * at {@code x = +inf}, nothing detected, F1 0.
 *
 * <p>The threshold is compared at the scores' precision, float32: {@code t} is first rounded
 * to the nearest float. Otherwise a score written as 0.3 (stored as 0.3f, slightly above
 * 0.3) would count as above a threshold of 0.3, unlike in {@code sed_scores_eval}, which
 * reads the same text as a double.
 *
 * <p>Result, for metric name {@code n}:
 * <ul>
 *   <li>{@code n}: macro F1, the mean of the per-label F1 over labels with references;</li>
 *   <li>{@code n/<label>}: the label's F1 (NaN without references: recall undefined);</li>
 *   <li>{@code n_precision}, {@code n_recall}: macro precision and recall, same labels;</li>
 *   <li>{@code n_micro}: F1 of the counts summed over all labels;</li>
 *   <li>{@code n_undefined_labels}: labels without references, left out of the means;</li>
 *   <li>{@code n_best_threshold}: the best single threshold, shared by all labels, for the
 *       macro F1 ({@link BestThreshold}); {@code n_best}, {@code n_best_precision},
 *       {@code n_best_recall}: macro F1, precision and recall there (the values {@code n},
 *       {@code n_precision}, {@code n_recall} take with that threshold);
 *       {@code n_best_threshold_low}, {@code n_best_threshold_high}: the interval
 *       {@code [low, high)} of thresholds that give the same detections; all NaN without a
 *       label with references;</li>
 *   <li>curves {@code n/<label>}: F1 against threshold (labels with references).</li>
 * </ul>
 */
final class F1Evaluation {

    private F1Evaluation() {
    }

    static MetricResult evaluate(String name, Map<String, LabelCounts> labels, double threshold) {
        Map<String, Double> values = new TreeMap<>();
        Map<String, Curve> curves = new TreeMap<>();
        double f1Sum = 0;
        double precisionSum = 0;
        double recallSum = 0;
        int defined = 0;
        long tpSum = 0;
        long fpSum = 0;
        long referenceSum = 0;
        for (Map.Entry<String, LabelCounts> e : labels.entrySet()) {
            ThresholdCurve curve = e.getValue().curve();
            long references = e.getValue().references();
            FScore at = at(curve, curve.indexAbove((float) threshold), references);
            values.put(name + "/" + e.getKey(), at.f1());
            tpSum += at.tp();
            fpSum += at.fp();
            referenceSum += references;
            if (references > 0) {
                f1Sum += at.f1();
                precisionSum += at.precision();
                recallSum += at.recall();
                defined++;
                curves.put(name + "/" + e.getKey(), f1Curve(curve, references));
            }
        }
        values.put(name, defined == 0 ? Double.NaN : f1Sum / defined);
        values.put(name + "_precision", defined == 0 ? Double.NaN : precisionSum / defined);
        values.put(name + "_recall", defined == 0 ? Double.NaN : recallSum / defined);
        values.put(name + "_micro", new FScore(tpSum, fpSum, referenceSum).f1());
        values.put(name + "_undefined_labels", (double) (labels.size() - defined));
        best(name, labels, threshold, values);
        return new MetricResult(name, values, curves);
    }

    /** Adds the {@code _best...} values: the best single threshold and the macro values there. */
    private static void best(String name, Map<String, LabelCounts> labels, double threshold,
            Map<String, Double> values) {
        List<ThresholdCurve> curves = new ArrayList<>();
        long[] references = new long[labels.size()];
        for (LabelCounts c : labels.values()) {
            references[curves.size()] = c.references();
            curves.add(c.curve());
        }
        BestThreshold.Interval best = BestThreshold.find(curves, references, threshold);
        double t = best == null ? Double.NaN : best.threshold();
        double f1 = 0;
        double precision = 0;
        double recall = 0;
        int defined = 0;
        if (best != null) {
            for (LabelCounts c : labels.values()) {
                if (c.references() > 0) {
                    FScore at = at(c.curve(), c.curve().indexAbove((float) t), c.references());
                    f1 += at.f1();
                    precision += at.precision();
                    recall += at.recall();
                    defined++;
                }
            }
        }
        values.put(name + "_best_threshold", t);
        values.put(name + "_best_threshold_low", best == null ? Double.NaN : best.low());
        values.put(name + "_best_threshold_high", best == null ? Double.NaN : best.high());
        values.put(name + "_best", defined == 0 ? Double.NaN : f1 / defined);
        values.put(name + "_best_precision", defined == 0 ? Double.NaN : precision / defined);
        values.put(name + "_best_recall", defined == 0 ? Double.NaN : recall / defined);
    }

    /** Counts at operating point {@code k}; {@code k == size()} is "nothing detected". */
    private static FScore at(ThresholdCurve curve, int k, long references) {
        return k == curve.size() ? new FScore(0, 0, references)
                : new FScore(curve.tp(k), curve.fp(k), references);
    }

    private static Curve f1Curve(ThresholdCurve curve, long references) {
        int m = curve.size();
        double[] x = new double[m + 1];
        double[] y = new double[m + 1];
        for (int k = 0; k < m; k++) {
            x[k] = curve.threshold(k);
            y[k] = at(curve, k, references).f1();
        }
        x[m] = Double.POSITIVE_INFINITY;
        y[m] = at(curve, m, references).f1();
        return new Curve("threshold", "F1", x, y);
    }
}
