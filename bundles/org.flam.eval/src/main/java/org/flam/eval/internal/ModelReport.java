package org.flam.eval.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.flam.api.MetricResult;
import org.flam.api.ModelManifest;

/**
 * The report of {@code eval model}: {@code report.json} (also printed) and {@code report.md}.
 */
final class ModelReport {

    /** Headline rows of the Markdown table: metric name, what it is. */
    private static final List<String[]> ROWS = List.of(
            new String[] {"psds", "PSDS1 (DTC 0.7, GTC 0.7, max eFPR 100/h)"},
            new String[] {"auroc", "AUROC (0.3125 s segments)"},
            new String[] {"mpauc", "MPAUC (1 s segments, FPR ≤ 0.1)"},
            new String[] {"f1-segment", "F1, segment-based"},
            new String[] {"f1-collar", "F1, collar-based (0.2 s / 20 %)"},
            new String[] {"spearman", "Spearman alignment (mean ρ per captioned event)"},
            new String[] {"curve-correlation", "Within-clip correlation of different captions' curves (mean r)"},
            new String[] {"position-profile", "Mean probability of ground-truth positive frames"});

    /** The F1 metrics of the calibration table: metric name, what it is. */
    private static final List<String[]> F1_ROWS = List.of(
            new String[] {"f1-segment", "segment-based"},
            new String[] {"f1-collar", "collar-based"});

    private final ModelEvaluation.Options options;
    private final String commandLine;
    private final ModelManifest manifest;
    private final TestSet set;
    private final List<ModelEvaluation.Outcome> outcomes;

    ModelReport(ModelEvaluation.Options options, String commandLine, ModelManifest manifest, TestSet set,
            List<ModelEvaluation.Outcome> outcomes) {
        this.options = options;
        this.commandLine = commandLine;
        this.manifest = manifest;
        this.set = set;
        this.outcomes = outcomes;
    }

    String json() {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"command\": ").append(JsonReport.string(commandLine)).append(",\n");
        j.append("  \"model\": {\n");
        j.append("    \"path\": ").append(JsonReport.string(options.model().toString())).append(",\n");
        j.append("    \"seed\": ").append(manifest.seed()).append(",\n");
        j.append("    \"data_manifest_hash\": ").append(JsonReport.string(manifest.dataManifestHash())).append(",\n");
        j.append("    \"created_at\": ").append(JsonReport.string(manifest.createdAt().toString())).append(",\n");
        j.append("    \"bundles\": ").append(manifest.bundles().size()).append(",\n");
        j.append("    \"notes\": ").append(JsonReport.string(manifest.notes())).append("\n  },\n");
        j.append("  \"data\": ").append(JsonReport.string(options.data().toString())).append(",\n");
        j.append("  \"clips\": ").append(set.audio().size()).append(",\n");
        j.append("  \"median_filter_frames\": ").append(options.median()).append(",\n");
        j.append("  \"threshold\": ").append(JsonReport.number(options.threshold())).append(",\n");
        j.append("  \"protocols\": {");
        String sep = "\n";
        for (ModelEvaluation.Outcome o : outcomes) {
            ModelEvaluation.Protocol p = o.protocol();
            j.append(sep).append("    ").append(JsonReport.string(p.name())).append(": {\n");
            j.append("      \"files\": ").append(p.queries().size()).append(",\n");
            j.append("      \"files_skipped\": ").append(p.skippedFiles()).append(",\n");
            j.append("      \"labels\": ").append(p.labels().size()).append(",\n");
            j.append("      \"events\": ").append(p.events()).append(",\n");
            j.append("      \"scores\": ").append(JsonReport.string("scores-" + p.name())).append(",\n");
            j.append("      \"charts\": [");
            for (int i = 0; i < o.charts().size(); i++) {
                j.append(i == 0 ? "" : ", ").append(JsonReport.string(o.charts().get(i)));
            }
            j.append("],\n      \"metrics\": ");
            JsonReport.metrics(j, o.results(), "      ");
            j.append("\n    }");
            sep = ",\n";
        }
        return j.append("\n  }\n}").toString();
    }

    String markdown() {
        StringBuilder m = new StringBuilder("# Evaluation of `").append(options.model()).append("`\n\n");
        m.append("Test set `").append(options.data()).append("`: ").append(set.audio().size()).append(" clips. ")
                .append("Median filter ").append(options.median()).append(" frames, threshold ")
                .append(format(options.threshold())).append(".\n\n");
        m.append("```\n").append(commandLine).append("\n```\n\n");
        m.append("## Model\n\n");
        m.append("| | |\n|---|---|\n");
        m.append("| seed | ").append(manifest.seed()).append(" |\n");
        m.append("| training data (manifest hash) | `").append(manifest.dataManifestHash()).append("` |\n");
        m.append("| created | ").append(manifest.createdAt()).append(" |\n");
        m.append("| bundles | ").append(manifest.bundles().size()).append(bundleList()).append(" |\n");
        if (!manifest.notes().isBlank()) {
            m.append("| notes | ").append(cell(manifest.notes())).append(" |\n");
        }
        for (ModelEvaluation.Outcome o : outcomes) {
            ModelEvaluation.Protocol p = o.protocol();
            m.append("\n## ").append(p.name().equals("open") ? "Open-vocabulary" : "Closed-set").append(" protocol\n\n");
            m.append(p.name().equals("open") ? "Each clip scored only against its own captions"
                    : "Every clip scored against the same label list");
            m.append(": ").append(p.queries().size()).append(" files");
            if (p.skippedFiles() > 0) {
                m.append(" (").append(p.skippedFiles()).append(" without events skipped)");
            }
            m.append(", ").append(p.labels().size()).append(" labels, ").append(p.events())
                    .append(" ground-truth events. Scores: `scores-").append(p.name()).append("/`.\n\n");
            m.append("| metric | value |\n|---|---|\n");
            for (String[] row : ROWS) {
                MetricResult r = o.results().get(row[0]);
                if (r != null) {
                    m.append("| ").append(row[1]).append(" | ").append(format(r.headline().orElse(Double.NaN)))
                            .append(" |\n");
                }
            }
            for (Map.Entry<String, MetricResult> r : o.results().entrySet()) {
                if (ROWS.stream().noneMatch(row -> row[0].equals(r.getKey()))) {
                    m.append("| ").append(cell(r.getKey())).append(" | ")
                            .append(format(r.getValue().headline().orElse(Double.NaN))).append(" |\n");
                }
            }
            calibration(m, o.results());
            curveCorrelation(m, o.results().get("curve-correlation"));
            positionProfile(m, o.results().get("position-profile"));
            if (!o.charts().isEmpty()) {
                m.append('\n');
                for (String chart : o.charts()) {
                    m.append("![").append(chart).append("](").append(chart).append(")\n");
                }
            }
        }
        m.append("\nAll values, per label too: `report.json`.\n");
        return m.toString();
    }

    /** F1 at {@code --threshold} and at the best single threshold, per F1 metric present. */
    private void calibration(StringBuilder m, Map<String, MetricResult> results) {
        StringBuilder rows = new StringBuilder();
        for (String[] row : F1_ROWS) {
            MetricResult r = results.get(row[0]);
            if (r == null || r.value(row[0] + "_best_threshold").isEmpty()) {
                continue;
            }
            String n = row[0];
            rows.append("| ").append(row[1]).append(", chosen | ").append(format(options.threshold())).append(" | ")
                    .append(value(r, n)).append(" | ").append(value(r, n + "_precision")).append(" | ")
                    .append(value(r, n + "_recall")).append(" |\n");
            rows.append("| ").append(row[1]).append(", best single threshold | ")
                    .append(value(r, n + "_best_threshold")).append(" (same detections on [")
                    .append(value(r, n + "_best_threshold_low")).append(", ")
                    .append(value(r, n + "_best_threshold_high")).append(")) | ").append(value(r, n + "_best"))
                    .append(" | ").append(value(r, n + "_best_precision")).append(" | ")
                    .append(value(r, n + "_best_recall")).append(" |\n");
        }
        if (rows.length() > 0) {
            m.append("\n### Calibration: F1 at the chosen and at the best single threshold\n\n")
                    .append("One threshold shared by all labels; macro over labels.\n\n")
                    .append("| F1 | threshold | F1 | precision | recall |\n|---|---|---|---|---|\n").append(rows);
        }
    }

    private static void curveCorrelation(StringBuilder m, MetricResult r) {
        if (r == null) {
            return;
        }
        String n = r.metric();
        m.append("\n### Curves of different captions within a clip\n\n")
                .append("Pearson r between the (median-filtered) curves of every pair of different queries scored on "
                        + "a clip, mean over pairs, then over clips; pairs with a constant curve are skipped.\n\n")
                .append("| curves | mean within-clip r | pairs | clips | pairs skipped (constant curve) |\n")
                .append("|---|---|---|---|---|\n");
        for (String[] row : List.of(new String[] {"model outputs", n}, new String[] {"ground-truth frame labels",
                n + "_truth"})) {
            m.append("| ").append(row[0]).append(" | ").append(value(r, row[1])).append(" | ")
                    .append(count(r, row[1] + "_pairs")).append(" | ").append(count(r, row[1] + "_clips"))
                    .append(" | ").append(count(r, row[1] + "_constant_pairs")).append(" |\n");
        }
    }

    private static void positionProfile(StringBuilder m, MetricResult r) {
        if (r == null) {
            return;
        }
        String n = r.metric();
        m.append("\n### Probability of ground-truth positive frames by frame position\n\n")
                .append("| frames | mean probability | positive frames | ratio to mid-clip |\n|---|---|---|---|\n")
                .append("| first two (0, 1) | ").append(value(r, n + "_first2")).append(" | ")
                .append(count(r, n + "_first2_count")).append(" | ").append(value(r, n + "_first2_ratio"))
                .append(" |\n")
                .append("| mid-clip (F/4 to 3F/4) | ").append(value(r, n + "_mid")).append(" | ")
                .append(count(r, n + "_mid_count")).append(" | 1 |\n")
                .append("| last two (F−2, F−1) | ").append(value(r, n + "_last2")).append(" | ")
                .append(count(r, n + "_last2_count")).append(" | ").append(value(r, n + "_last2_ratio"))
                .append(" |\n")
                .append("| all | ").append(value(r, n)).append(" | ").append(count(r, n + "_count"))
                .append(" | |\n");
        StringBuilder profile = new StringBuilder();
        String prefix = n + "_frame_";
        r.values().forEach((name, v) -> {
            if (name.startsWith(prefix)) {
                profile.append(profile.length() == 0 ? "" : " · ")
                        .append(Integer.parseInt(name.substring(prefix.length()))).append(": ")
                        .append(Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v));
            }
        });
        if (profile.length() > 0) {
            m.append("\nBy frame index: ").append(profile).append(".\n");
        }
    }

    private static String value(MetricResult r, String name) {
        return format(r.value(name).orElse(Double.NaN));
    }

    private static String count(MetricResult r, String name) {
        double v = r.value(name).orElse(Double.NaN);
        return Double.isNaN(v) ? "n/a" : String.valueOf(Math.round(v));
    }

    private String bundleList() {
        if (manifest.bundles().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(": ");
        int shown = Math.min(8, manifest.bundles().size());
        for (int i = 0; i < shown; i++) {
            ModelManifest.BundleRef r = manifest.bundles().get(i);
            b.append(i == 0 ? "" : ", ").append('`').append(r.symbolicName()).append(' ').append(r.version()).append('`');
        }
        return manifest.bundles().size() > shown ? b.append(", …").toString() : b.toString();
    }

    static String format(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
