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
            new String[] {"spearman", "Spearman alignment (mean ρ per captioned event)"});

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
