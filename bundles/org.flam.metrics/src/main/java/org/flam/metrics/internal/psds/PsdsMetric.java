package org.flam.metrics.internal.psds;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.flam.api.FlamProperties;
import org.flam.api.FrameScores;
import org.flam.api.MetricResult;
import org.flam.api.MetricResult.Curve;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The Polyphonic Sound Detection Score (Bilen et al., ICASSP 2020; SPEC §6), PSDS1 by
 * default, computed
 * <ul>
 * <li>from frame scores ({@link #evaluateScores}), every distinct score a threshold, as
 * {@code sed_scores_eval.intersection_based.psds} does (Ebbers et al., ICASSP 2022);</li>
 * <li>from detection tables ({@link #evaluateOperatingPoints}; {@link #evaluateDetections} is
 * the case of one table), one operating point each, as {@code psds_eval} does.</li>
 * </ul>
 * Ground-truth events of one label that overlap or touch in a file are merged first.
 *
 * <p>Result values: {@code psds}; {@code psds/<label>}, the normalised area under that label's
 * own ROC; for detection tables also, per table {@code i} (from 0) and label,
 * {@code psds/op<i>/tpr/<label>} and {@code psds/op<i>/fpr/<label>} (false positives per
 * hour). Curves: {@code psd-roc} (eTPR against eFPR per hour, ending at max eFPR) and
 * {@code psd-roc/<label>} (TPR against eFPR per hour). Stateless and thread-safe.
 */
@Component(service = Metric.class, configurationPid = PsdsMetric.PID,
        property = FlamProperties.NAME + "=" + PsdsMetric.NAME)
@Designate(ocd = PsdsMetricConfiguration.class)
public final class PsdsMetric implements Metric {

    static final String PID = "org.flam.metrics.psds";
    /** {@code flam.name} of this metric, and the name of its headline value. */
    public static final String NAME = "psds";

    private static final String EFPR_AXIS = "eFPR (1/h)";

    private final PsdsParameters defaults;

    @Activate
    public PsdsMetric(PsdsMetricConfiguration config) {
        this(new PsdsParameters(config.dtc_threshold(), config.gtc_threshold(), config.cttc_threshold(),
                config.alpha_ct(), config.alpha_st(), config.max_efpr()));
    }

    /** @param defaults the parameters used where a call does not override them */
    PsdsMetric(PsdsParameters defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Input input() {
        return Input.FRAME_SCORES;
    }

    @Override
    public MetricResult evaluateScores(Map<String, FrameScores> scores, Map<String, List<SoundEvent>> groundTruth,
            Map<String, Double> durations, Map<String, Double> parameters) {
        return toResult(FrameScorePsds.compute(scores, groundTruth, durations, defaults.with(parameters)));
    }

    /** One detection table: PSDS of the single operating point it is (and the empty detection). */
    @Override
    public MetricResult evaluateDetections(Map<String, List<SoundEvent>> detections,
            Map<String, List<SoundEvent>> groundTruth, Map<String, Double> durations, Map<String, Double> parameters) {
        return evaluateOperatingPoints(List.of(detections), groundTruth, durations, parameters);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The labels are those of the ground truth; a detection of any other label is an error.
     */
    @Override
    public MetricResult evaluateOperatingPoints(List<Map<String, List<SoundEvent>>> operatingPoints,
            Map<String, List<SoundEvent>> groundTruth, Map<String, Double> durations, Map<String, Double> parameters) {
        return toResult(OperatingPointPsds.compute(operatingPoints, groundTruth, durations, defaults.with(parameters)));
    }

    private static MetricResult toResult(PsdsResult r) {
        Map<String, Double> values = new TreeMap<>();
        Map<String, Curve> curves = new TreeMap<>();
        values.put(NAME, r.psds());
        curves.put("psd-roc", new Curve(EFPR_AXIS, "eTPR", r.roc().efpr(), r.roc().tpr()));
        for (int c = 0; c < r.labels().size(); c++) {
            String label = r.labels().get(c);
            values.put(NAME + "/" + label, r.labelPsds()[c]);
            PsdRoc roc = r.labelRocs().get(c);
            curves.put("psd-roc/" + label, new Curve(EFPR_AXIS, "TPR", roc.efpr(), roc.tpr()));
            for (int i = 0; i < r.rates().size(); i++) {
                values.put(NAME + "/op" + i + "/tpr/" + label, r.rates().get(i).tpr()[c]);
                values.put(NAME + "/op" + i + "/fpr/" + label, r.rates().get(i).fpr()[c]);
            }
        }
        return new MetricResult(NAME, values, curves);
    }
}
