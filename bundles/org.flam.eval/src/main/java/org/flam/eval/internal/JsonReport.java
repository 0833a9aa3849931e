package org.flam.eval.internal;

import java.util.Locale;
import java.util.Map;

import org.flam.api.MetricResult;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON {@code flam eval scores} prints:
 * {@code {"files": N, "median_filter_frames": M, "metrics": {"<metric>": {"<value>": x, ...}, ...}}}.
 * Undefined values (NaN) are written as {@code null}, which JSON can hold and NaN is not.
 */
final class JsonReport {

    /** Looked up once: inside OSGi the lookup goes through the hk2 resource locator. */
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonReport() {
    }

    static String of(int files, int median, Map<String, MetricResult> results) {
        StringBuilder json = new StringBuilder("{\n  \"files\": ").append(files)
                .append(",\n  \"median_filter_frames\": ").append(median).append(",\n  \"metrics\": ");
        metrics(json, results, "  ");
        return json.append("\n}").toString();
    }

    /**
     * Appends {@code {"<metric>": {"<value>": x, ...}, ...}}, nested lines indented by
     * {@code indent} plus two spaces per level (the block {@code eval scores} and
     * {@code eval model} share).
     */
    static void metrics(StringBuilder json, Map<String, MetricResult> results, String indent) {
        json.append('{');
        String metricSep = "\n";
        for (Map.Entry<String, MetricResult> r : results.entrySet()) {
            json.append(metricSep).append(indent).append("  ").append(string(r.getKey())).append(": {");
            String valueSep = "\n";
            for (Map.Entry<String, Double> v : r.getValue().values().entrySet()) {
                json.append(valueSep).append(indent).append("    ").append(string(v.getKey())).append(": ")
                        .append(number(v.getValue()));
                valueSep = ",\n";
            }
            json.append('\n').append(indent).append("  }");
            metricSep = ",\n";
        }
        json.append('\n').append(indent).append('}');
    }

    static String number(double x) {
        if (Double.isNaN(x)) {
            return "null";
        }
        if (Double.isInfinite(x)) {
            throw new IllegalArgumentException("JSON has no infinity");
        }
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.format(Locale.ROOT, "%.1f", x) : Double.toString(x);
    }

    /** {@code s} as a JSON string literal, quoted and escaped (RFC 8259), by the JSON-P provider. */
    static String string(String s) {
        return PROVIDER.createValue(s).toString();
    }
}
