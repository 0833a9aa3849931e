package org.flam.eval.internal;

import java.util.Locale;
import java.util.Map;

import org.flam.api.MetricResult;

/**
 * The JSON {@code flam eval scores} prints:
 * {@code {"files": N, "median_filter_frames": M, "metrics": {"<metric>": {"<value>": x, ...}, ...}}}.
 * Undefined values (NaN) are written as {@code null}, which JSON can hold and NaN is not.
 */
final class JsonReport {

    private JsonReport() {
    }

    static String of(int files, int median, Map<String, MetricResult> results) {
        StringBuilder json = new StringBuilder("{\n  \"files\": ").append(files)
                .append(",\n  \"median_filter_frames\": ").append(median).append(",\n  \"metrics\": {");
        String metricSep = "\n";
        for (Map.Entry<String, MetricResult> r : results.entrySet()) {
            json.append(metricSep).append("    ").append(string(r.getKey())).append(": {");
            String valueSep = "\n";
            for (Map.Entry<String, Double> v : r.getValue().values().entrySet()) {
                json.append(valueSep).append("      ").append(string(v.getKey())).append(": ").append(number(v.getValue()));
                valueSep = ",\n";
            }
            json.append("\n    }");
            metricSep = ",\n";
        }
        return json.append("\n  }\n}").toString();
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

    /** A JSON string literal (RFC 8259 escaping). */
    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
