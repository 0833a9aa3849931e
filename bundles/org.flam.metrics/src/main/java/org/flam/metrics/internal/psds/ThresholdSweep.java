package org.flam.metrics.internal.psds;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one label in one file at every threshold its scores allow, in one sweep
 * (Ebbers et al., ICASSP 2022, as {@code sed_scores_eval} computes them).
 *
 * <p>At threshold {@code θ} the frames with {@code score >= θ} are active and every maximal run
 * of active frames is one detection from its first frame's onset to its last frame's offset.
 * Only the file's distinct scores change the detections, so frames are sorted by score once
 * and activated from the highest score down, runs being joined as frames switch on; after
 * each distinct score the detections are counted ({@link IntersectionCounter}) and, where a
 * count changed, the change is recorded at that score in {@link ChangePoints}. Cost per file
 * and label: {@code O(F log F)} for the sort plus {@code O(U · (E + G))} for counting at
 * {@code U} distinct scores with {@code E} runs and {@code G} ground-truth events.
 */
final class ThresholdSweep {

    private final IntersectionCounter counter;

    ThresholdSweep(IntersectionCounter counter) {
        this.counter = counter;
    }

    /**
     * @param scores     the label's score per frame
     * @param times      frame boundaries in seconds, {@code scores.length + 1} of them
     * @param target     the label's merged ground truth in the file
     * @param others     per label index the other labels' ground truth in the file (null where
     *                   none), or {@code null} when cross-triggers are not counted
     * @param out        receives the changes
     */
    void sweep(float[] scores, double[] times, Intervals target, Intervals[] others, ChangePoints out) {
        int frames = scores.length;
        long[] order = new long[frames];
        for (int f = 0; f < frames; f++) {
            order[f] = ((long) sortableBits(scores[f]) << 32) | f;
        }
        Arrays.sort(order);
        boolean[] active = new boolean[frames];
        int[] endOfRunStartingAt = new int[frames + 1];
        int[] startOfRunEndingAt = new int[frames + 1];
        TreeMap<Integer, Integer> runs = new TreeMap<>();
        double[] onsets = new double[frames];
        double[] offsets = new double[frames];
        int labels = others == null ? 0 : others.length;
        int[] cross = new int[labels];
        int[] previousCross = new int[labels];
        int previousTp = 0;
        int previousFp = 0;
        for (int i = frames - 1; i >= 0; ) {
            int level = (int) (order[i] >>> 32);
            for (; i >= 0 && (int) (order[i] >>> 32) == level; i--) {
                int f = (int) order[i];
                int start = f;
                int end = f + 1;
                if (f > 0 && active[f - 1]) {
                    start = startOfRunEndingAt[f];
                    runs.remove(start);
                }
                if (f + 1 < frames && active[f + 1]) {
                    end = endOfRunStartingAt[f + 1];
                    runs.remove(f + 1);
                }
                active[f] = true;
                runs.put(start, end);
                endOfRunStartingAt[start] = end;
                startOfRunEndingAt[end] = start;
            }
            int n = 0;
            for (Map.Entry<Integer, Integer> run : runs.entrySet()) {
                onsets[n] = times[run.getKey()];
                offsets[n++] = times[run.getValue()];
            }
            int[] counts = counter.count(onsets, offsets, n, target, others, cross);
            boolean changed = counts[0] != previousTp || counts[1] != previousFp || !Arrays.equals(cross, previousCross);
            if (changed) {
                float score = scores[(int) order[i + 1]];
                out.add(score == 0 ? 0.0 : score, counts[0] - previousTp, counts[1] - previousFp, cross, previousCross);
                previousTp = counts[0];
                previousFp = counts[1];
                System.arraycopy(cross, 0, previousCross, 0, labels);
            }
        }
    }

    /**
     * An int whose signed order is the float order of {@code v} (flip the magnitude bits of
     * negatives); -0 is taken as +0 so both are one threshold.
     */
    private static int sortableBits(float v) {
        int bits = Float.floatToIntBits(v == 0 ? 0f : v);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
