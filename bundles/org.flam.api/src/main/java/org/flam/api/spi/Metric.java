package org.flam.api.spi;

import java.util.List;
import java.util.Map;

import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A sound event detection metric (SPEC §6), computed as {@code sed_scores_eval} does: from
 * per-file frame score tables ({@link Input#FRAME_SCORES}: PSDS1, MPAUC, AUROC, Spearman,
 * zero-shot accuracy) or from per-file detected events ({@link Input#DETECTIONS}: F1 at a
 * threshold).
 *
 * <p>Every map is keyed by file name (the DCASE TSV {@code filename} column). The score
 * tables decide the files and, per file, the labels scored: an open-vocabulary set scores
 * each clip only against its own captions by giving each file its own columns. Ground-truth
 * events of one label that overlap or touch in a file are merged by the metric first. Clip-level
 * scores (e.g. global similarities for retrieval) fit as one-frame tables covering the clip.
 *
 * <p>{@code parameters} override the metric's configured defaults, which are the SPEC §6
 * values; keys are the constants below or ones the implementation documents, and an unknown
 * key is an error rather than silently ignored.
 *
 * <p>Implementations are thread-safe and register
 * {@link org.flam.api.FlamProperties#NAME flam.name}, usually equal to {@link #name()}.
 */
@ConsumerType
public interface Metric {

    /** Detection threshold on scores or probabilities, e.g. 0.5. */
    String THRESHOLD = "threshold";
    /** Detection tolerance criterion of PSDS (fraction, 0.7 for PSDS1). */
    String DTC_THRESHOLD = "dtc_threshold";
    /** Ground-truth intersection criterion of PSDS (fraction, 0.7 for PSDS1). */
    String GTC_THRESHOLD = "gtc_threshold";
    /**
     * Cross-trigger tolerance criterion of PSDS (fraction of a detection that must intersect
     * ground truth of another label to count as a cross-trigger; 0.3 in the PSDS paper; only
     * used when {@link #ALPHA_CT} is not 0).
     */
    String CTTC_THRESHOLD = "cttc_threshold";
    /** PSDS cross-trigger weight {@code α_ct} (0 for PSDS1). */
    String ALPHA_CT = "alpha_ct";
    /** PSDS weight of the across-label standard deviation {@code α_st} (1 for PSDS1). */
    String ALPHA_ST = "alpha_st";
    /** Largest effective false positive rate of the PSD-ROC, per hour (100 for PSDS1). */
    String MAX_EFPR = "max_efpr";
    /** Segment length of segment-based ROCs in seconds (1 for MPAUC, 0.3125 for AUROC). */
    String SEGMENT_SECONDS = "segment_seconds";
    /** Upper FPR of a partial AUROC (0.1 for MPAUC; 1 means the full area). */
    String MAX_FPR = "max_fpr";

    /** What a metric is computed from. */
    enum Input {
        /** Per-file frame score tables; {@link #evaluateScores} is called. */
        FRAME_SCORES,
        /** Per-file detected events; {@link #evaluateDetections} is called. */
        DETECTIONS
    }

    /** Name of the headline value, e.g. {@link MetricResult#PSDS1}; the result's metric name. */
    String name();

    /** Which input the metric needs; only the matching method is called. */
    Input input();

    /**
     * Computes the metric from frame scores.
     *
     * @param scores      file to its score table ({@code float[F][K]}, gapless frames)
     * @param groundTruth file to its ground-truth events (filename field ignored); a file
     *                    without events maps to an empty list or is absent
     * @param durations   file to its duration in seconds; needed for every scored file (false
     *                    positive rates are per hour of audio)
     * @param parameters  overrides of the defaults; may be empty
     * @return named values and curves
     * @throws IllegalArgumentException      if a scored file has no duration or a parameter
     *                                       key is unknown or its value out of range
     * @throws UnsupportedOperationException if {@link #input()} is not
     *                                       {@link Input#FRAME_SCORES}
     */
    default MetricResult evaluateScores(Map<String, FrameScores> scores,
            Map<String, List<SoundEvent>> groundTruth, Map<String, Double> durations,
            Map<String, Double> parameters) {
        throw new UnsupportedOperationException(name() + " is computed from " + input());
    }

    /**
     * Computes the metric from detected events.
     *
     * @param detections  file to its detected events (filename field ignored); every evaluated
     *                    file is a key, mapping to an empty list if nothing was detected
     * @param groundTruth file to its ground-truth events, as for {@link #evaluateScores}
     * @param durations   file to its duration in seconds, for every detection key
     * @param parameters  overrides of the defaults; may be empty
     * @return named values and curves
     * @throws IllegalArgumentException      as for {@link #evaluateScores}
     * @throws UnsupportedOperationException if {@link #input()} is not
     *                                       {@link Input#DETECTIONS}
     */
    default MetricResult evaluateDetections(Map<String, List<SoundEvent>> detections,
            Map<String, List<SoundEvent>> groundTruth, Map<String, Double> durations,
            Map<String, Double> parameters) {
        throw new UnsupportedOperationException(name() + " is computed from " + input());
    }

    /**
     * Computes the metric from several operating points of one system, each a complete
     * detection table (e.g. the detections at one decision threshold), as {@code psds_eval}
     * does: each table gives one point per label of the ROC the metric integrates.
     * Implemented only by metrics that are defined over operating points (PSDS); the default
     * throws.
     *
     * @param operatingPoints one detection table per operating point, each as the
     *                        {@code detections} of {@link #evaluateDetections} (file to its
     *                        detected events; a file without detections may be absent); at
     *                        least one
     * @param groundTruth     file to its ground-truth events, as for {@link #evaluateScores}
     * @param durations       file to its duration in seconds: the evaluated files (false
     *                        positive rates are per hour of their total duration); every file
     *                        with detections or ground truth must be a key
     * @param parameters      overrides of the defaults; may be empty
     * @return named values and curves
     * @throws IllegalArgumentException      as for {@link #evaluateScores}, or if there is no
     *                                       operating point
     * @throws UnsupportedOperationException if the metric is not defined over operating points
     */
    default MetricResult evaluateOperatingPoints(List<Map<String, List<SoundEvent>>> operatingPoints,
            Map<String, List<SoundEvent>> groundTruth, Map<String, Double> durations,
            Map<String, Double> parameters) {
        throw new UnsupportedOperationException(name() + " is not computed from operating points");
    }
}
