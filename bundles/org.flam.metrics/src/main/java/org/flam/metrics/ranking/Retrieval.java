package org.flam.metrics.ranking;

import java.util.Map;
import java.util.TreeMap;

import org.flam.api.MetricResult;
import org.flam.metrics.internal.ranking.Ranks;

/**
 * Cross-modal retrieval recall at K (SPEC §6): text to audio and audio to text, from one
 * similarity matrix {@code double[texts][audios]} (any score, higher = more similar, e.g.
 * cosine similarities of global embeddings) and the audio each text describes.
 *
 * <ul>
 *   <li><b>Text to audio</b>, R@K: the fraction of texts whose own audio ranks among the
 *       first K of all audios, ranking row {@code t}.</li>
 *   <li><b>Audio to text</b>, R@K: the fraction of audios for which at least one of their
 *       texts ranks among the first K of all texts, ranking column {@code a} (an audio with
 *       several captions needs any one of them near the top, the usual convention for
 *       Clotho and AudioCaps). Audios that no text describes have nothing to retrieve and
 *       are left out; they still compete as wrong answers for text to audio.</li>
 * </ul>
 *
 * <p><b>Ties are ranked pessimistically</b>: a correct candidate tied with a wrong one ranks
 * after it (rank = 1 + the number of wrong candidates scoring at least as high as the best
 * correct one). Ranking ties by index would make the result depend on the order of the data,
 * and ranking them optimistically would give a model that scores everything equally perfect
 * recall; pessimistic ranking gives that model the lowest, so ties can only cost. Stateless.
 */
public final class Retrieval {

    /** Name of {@link #evaluate}'s result. */
    public static final String NAME = "retrieval";
    /** Text-to-audio recall at 10. */
    public static final String R10_TEXT_TO_AUDIO = "r10_t2a";
    /** Audio-to-text recall at 10. */
    public static final String R10_AUDIO_TO_TEXT = "r10_a2t";

    private Retrieval() {
    }

    /**
     * Text-to-audio recall at {@code k}.
     *
     * @param similarity        {@code double[texts][audios]}, rectangular, at least 1 x 1, no NaN
     * @param targetAudioOfText per text, the index of the audio it describes
     * @param k                 cut-off, {@code >= 1}
     * @return the fraction of texts whose audio ranks {@code <= k}, in {@code [0, 1]}
     * @throws IllegalArgumentException if shapes or indices do not fit, a similarity is NaN,
     *                                  or {@code k < 1}
     */
    public static double textToAudioRecall(double[][] similarity, int[] targetAudioOfText, int k) {
        int audios = Similarities.check(similarity, targetAudioOfText, "[texts][audios]");
        Similarities.checkK(k);
        int hits = 0;
        for (int t = 0; t < similarity.length; t++) {
            boolean[] correct = new boolean[audios];
            correct[targetAudioOfText[t]] = true;
            if (Ranks.pessimisticRank(similarity[t], correct) <= k) {
                hits++;
            }
        }
        return (double) hits / similarity.length;
    }

    /**
     * Audio-to-text recall at {@code k}.
     *
     * @param similarity        {@code double[texts][audios]}, as for {@link #textToAudioRecall}
     * @param targetAudioOfText per text, the index of the audio it describes
     * @param k                 cut-off, {@code >= 1}
     * @return the fraction of described audios with one of their texts ranked {@code <= k}
     * @throws IllegalArgumentException as for {@link #textToAudioRecall}
     */
    public static double audioToTextRecall(double[][] similarity, int[] targetAudioOfText, int k) {
        int audios = Similarities.check(similarity, targetAudioOfText, "[texts][audios]");
        Similarities.checkK(k);
        int texts = similarity.length;
        int described = 0;
        int hits = 0;
        double[] column = new double[texts];
        for (int a = 0; a < audios; a++) {
            boolean[] correct = new boolean[texts];
            boolean any = false;
            for (int t = 0; t < texts; t++) {
                column[t] = similarity[t][a];
                correct[t] = targetAudioOfText[t] == a;
                any |= correct[t];
            }
            if (any) {
                described++;
                if (Ranks.pessimisticRank(column, correct) <= k) {
                    hits++;
                }
            }
        }
        return (double) hits / described;
    }

    /**
     * R@1, R@5 and R@10 in both directions, named {@link MetricResult#R1_TEXT_TO_AUDIO},
     * {@link MetricResult#R5_TEXT_TO_AUDIO}, {@link #R10_TEXT_TO_AUDIO} and the
     * {@code _a2t} counterparts, in a result named {@link #NAME}.
     *
     * @throws IllegalArgumentException as for {@link #textToAudioRecall}
     */
    public static MetricResult evaluate(double[][] similarity, int[] targetAudioOfText) {
        Map<String, Double> values = new TreeMap<>();
        values.put(MetricResult.R1_TEXT_TO_AUDIO, textToAudioRecall(similarity, targetAudioOfText, 1));
        values.put(MetricResult.R5_TEXT_TO_AUDIO, textToAudioRecall(similarity, targetAudioOfText, 5));
        values.put(R10_TEXT_TO_AUDIO, textToAudioRecall(similarity, targetAudioOfText, 10));
        values.put(MetricResult.R1_AUDIO_TO_TEXT, audioToTextRecall(similarity, targetAudioOfText, 1));
        values.put(MetricResult.R5_AUDIO_TO_TEXT, audioToTextRecall(similarity, targetAudioOfText, 5));
        values.put(R10_AUDIO_TO_TEXT, audioToTextRecall(similarity, targetAudioOfText, 10));
        return new MetricResult(NAME, values);
    }
}
