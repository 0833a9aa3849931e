package org.flam.metrics.internal.psds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.flam.api.MetricResult;
import org.flam.api.SoundEvent;
import org.flam.api.spi.Metric;
import org.flam.metrics.SedFiles;
import org.junit.jupiter.api.Test;

/**
 * The cases of psds_eval's own test suite (src/test/resources/psds_eval/README.md), with
 * dtc 0.5, gtc 0.5, cttc 0.3 and psds(alpha_ct=0, alpha_st=0, max_efpr=100), reproduced to
 * 1e-9. FPRs per hour are written as k · 3600 / 280 (the five files of test.metadata last
 * 280 s), which the README rounds to 12.857143 for k = 1.
 */
class PsdsReferenceTest {

    private static final double EXACT = 1e-9;
    private static final double FP_PER_HOUR = 3600.0 / 280;
    private static final PsdsParameters PSDS_EVAL_TESTS = new PsdsParameters(0.5, 0.5, 0.3, 0.0, 0.0, 100.0);

    static Path resource(String name) {
        try {
            return Path.of(PsdsReferenceTest.class.getResource("/psds_eval/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PsdsResult run(String det, String gt, String metadata, PsdsParameters parameters)
            throws IOException {
        return OperatingPointPsds.compute(List.of(SedFiles.readEvents(resource(det))),
                SedFiles.readEvents(resource(gt)), SedFiles.readDurations(resource(metadata)), parameters);
    }

    private static void check(String name, double[] tpr, double[] fpr, double psds) throws IOException {
        PsdsResult r = run(name + ".det", name + ".gt", "test.metadata", PSDS_EVAL_TESTS);
        assertArrayEquals(tpr, r.rates().get(0).tpr(), EXACT, name + " TPR");
        assertArrayEquals(fpr, r.rates().get(0).fpr(), EXACT, name + " FPR per hour");
        assertEquals(psds, r.psds(), EXACT, name + " PSDS");
    }

    @Test
    void example1OfTheIcasspPaper() throws IOException {
        check("test_1", new double[] {1, 1, 1}, new double[] {FP_PER_HOUR, FP_PER_HOUR, 0}, 0.9142857142857143);
    }

    @Test
    void example2OfTheIcasspPaper() throws IOException {
        check("test_2", new double[] {0, 0, 1}, new double[] {FP_PER_HOUR, 0, FP_PER_HOUR}, 0.29047619047619044);
    }

    @Test
    void example3OfTheIcasspPaper() throws IOException {
        check("test_3", new double[] {1, 1, 0}, new double[] {FP_PER_HOUR, 0, FP_PER_HOUR}, 0.6238095238095237);
    }

    @Test
    void example4() throws IOException {
        check("test_4", new double[] {1, 0, 1, 0}, new double[] {0, 3 * FP_PER_HOUR, 0, 2 * FP_PER_HOUR}, 0.5);
    }

    @Test
    void dcaseClipWithDishesAndSpeech() throws IOException {
        check("Y23R6_ppquxs_247.000_257000", new double[] {0.25, 1}, new double[] {FP_PER_HOUR, 0},
                0.6089285714285714);
    }

    @Test
    void dcase2019BaselineOnTheValidationSet() throws IOException {
        PsdsResult r = run("baseline_validation_AA_0.005.csv", "baseline_validation_gt.csv",
                "baseline_validation_metadata.csv", PSDS_EVAL_TESTS);
        assertEquals(0.0044306914546640595, r.psds(), EXACT);
    }

    @Test
    void crossTriggerRatesOfExample1() throws IOException {
        // Counted only with alpha_ct != 0. Rows: detected label, columns: ground-truth label.
        // c1's detection at 40-45 s fails the DTC (no c1 truth there) and covers 3 s of c3's
        // 5 s event 42-47 s: 0.6 >= 0.3, one cross-trigger per 5 s of c3 = 720 per hour.
        PsdsResult r = run("test_1.det", "test_1.gt", "test.metadata", new PsdsParameters(0.5, 0.5, 0.3, 1.0, 0.0, 100.0));
        double[][] ctr = r.rates().get(0).ctr();
        assertArrayEquals(new double[] {0, 0, 720}, ctr[0], EXACT);
        assertArrayEquals(new double[] {0, 0, 0}, ctr[1], EXACT);
        assertArrayEquals(new double[] {0, 0, 0}, ctr[2], EXACT);
        // eFPR = FPR + alpha_ct * mean of the two other labels' CTR = 12.857... + 360
        assertEquals(FP_PER_HOUR + 360, r.rates().get(0).efpr()[0], EXACT);
    }

    @Test
    void emptyDetectionsScoreZero() throws IOException {
        PsdsResult r = run("empty.det", "test_1.gt", "test.metadata", PSDS_EVAL_TESTS);
        assertEquals(0.0, r.psds());
        assertArrayEquals(new double[] {0, 0, 0}, r.rates().get(0).tpr());
    }

    @Test
    void theMetricServiceGivesTheSameValuesAndNamesThem() throws IOException {
        Metric metric = new PsdsMetric(PsdsParameters.PSDS1);
        Map<String, List<SoundEvent>> det = SedFiles.readEvents(resource("test_1.det"));
        MetricResult result = metric.evaluateDetections(det, SedFiles.readEvents(resource("test_1.gt")),
                SedFiles.readDurations(resource("test.metadata")),
                Map.of(Metric.DTC_THRESHOLD, 0.5, Metric.GTC_THRESHOLD, 0.5, Metric.ALPHA_ST, 0.0));
        assertEquals("psds", result.metric());
        assertEquals(0.9142857142857143, result.headline().orElseThrow(), EXACT);
        assertEquals(FP_PER_HOUR, result.value("psds/op0/fpr/c1").orElseThrow(), EXACT);
        assertEquals(1.0, result.value("psds/op0/tpr/c3").orElseThrow(), EXACT);
        assertEquals(3, result.curves().keySet().stream().filter(n -> n.startsWith("psd-roc/")).count());
        MetricResult.Curve roc = result.curves().get("psd-roc");
        assertEquals(100.0, roc.x()[roc.size() - 1], "the PSD-ROC ends at max eFPR");
    }
}
