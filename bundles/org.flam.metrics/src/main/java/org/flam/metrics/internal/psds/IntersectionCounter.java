package org.flam.metrics.internal.psds;

/**
 * The intersection criteria of PSDS for the detections of one label in one file, with the
 * comparisons of {@code sed_scores_eval.intersection_based.intermediate_statistics}:
 * <ul>
 * <li>a detection {@code d} is <b>relevant</b> when
 * {@code round6(Σ_g |d ∩ g|) >= round6(dtc · |d|)} over the label's ground-truth events
 * {@code g}; every other detection is a <b>false positive</b>;</li>
 * <li>a ground-truth event {@code g} is a <b>true positive</b> when
 * {@code round6(Σ_{d relevant} |d ∩ g|) >= round6(gtc · |g|)};</li>
 * <li>a detection is a <b>cross-trigger</b> on another label {@code o} that has ground truth
 * in the file when {@code round6(r · Σ_h |d ∩ h|) >= round6(cttc · |d|)} over {@code o}'s
 * events {@code h}, with {@code r = 0} for a relevant detection and 1 otherwise (so with
 * {@code cttc = 0} relevant detections count too, exactly as there).</li>
 * </ul>
 * {@code round6} rounds seconds to 6 decimals half to even, as {@code numpy.round(x, 6)}
 * ({@code rint(x · 1e6) / 1e6}); it keeps an intersection that equals the criterion exactly
 * (e.g. 0.7 · 1.6 s) from failing by a floating-point ulp. Intersections count positive
 * overlap only: touching intervals intersect by 0 s.
 */
final class IntersectionCounter {

    private static final double SCALE = 1e6;

    private final double dtc;
    private final double gtc;
    private final double cttc;

    IntersectionCounter(PsdsParameters parameters) {
        this.dtc = parameters.dtc();
        this.gtc = parameters.gtc();
        this.cttc = parameters.cttc();
    }

    /**
     * Counts for one file and label.
     *
     * @param onsets     detection onsets in seconds (any order; detections may overlap)
     * @param offsets    detection offsets in seconds, {@code offsets[j] > onsets[j]}
     * @param n          number of detections (a prefix of the arrays)
     * @param target     the label's merged ground truth in the file
     * @param others     per other label index, its merged ground truth in the file, or
     *                   {@code null} where it has none or is not scored; {@code null} as a
     *                   whole when cross-triggers are not counted
     * @param crossOut   receives at {@code [o]} the cross-triggers on label {@code o}
     *                   (overwritten; entries without ground truth set to 0); unused when
     *                   {@code others} is null
     * @return {@code {true positives, false positives}}
     */
    int[] count(double[] onsets, double[] offsets, int n, Intervals target, Intervals[] others, int[] crossOut) {
        double[] covered = new double[target.size()];
        boolean[] relevant = new boolean[n];
        int falsePositives = 0;
        for (int j = 0; j < n; j++) {
            double on = onsets[j];
            double off = offsets[j];
            relevant[j] = round6(target.intersection(on, off)) >= round6(dtc * (off - on));
            if (relevant[j]) {
                for (int g = target.firstEndingAfter(on); g < target.size() && target.onset(g) < off; g++) {
                    covered[g] += Math.min(off, target.offset(g)) - Math.max(on, target.onset(g));
                }
            } else {
                falsePositives++;
            }
        }
        int truePositives = 0;
        for (int g = 0; g < covered.length; g++) {
            if (round6(covered[g]) >= round6(gtc * (target.offset(g) - target.onset(g)))) {
                truePositives++;
            }
        }
        if (others != null) {
            for (int o = 0; o < others.length; o++) {
                crossOut[o] = others[o] == null ? 0 : crossTriggers(onsets, offsets, n, relevant, others[o]);
            }
        }
        return new int[] {truePositives, falsePositives};
    }

    private int crossTriggers(double[] onsets, double[] offsets, int n, boolean[] relevant, Intervals other) {
        int count = 0;
        for (int j = 0; j < n; j++) {
            double overlap = relevant[j] ? 0 : other.intersection(onsets[j], offsets[j]);
            if (round6(overlap) >= round6(cttc * (offsets[j] - onsets[j]))) {
                count++;
            }
        }
        return count;
    }

    /** {@code numpy.round(x, 6)}: scale, round half to even, scale back. */
    static double round6(double seconds) {
        return Math.rint(seconds * SCALE) / SCALE;
    }
}
