package org.flam.metrics.internal.segment;

/**
 * What an F1 metric knows about one label over all files.
 *
 * @param curve      true and false positive counts at every threshold
 * @param references number of ground-truth items (events, or positive segments)
 */
record LabelCounts(ThresholdCurve curve, long references) {
}
