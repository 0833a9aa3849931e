package org.flam.serve.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Map;

import javax.servlet.http.HttpServletResponse;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

import org.flam.api.Detection;
import org.flam.api.SoundEvent;
import org.flam.api.detect.DetectionOptions;

/** The JSON the API writes, through JSON-P (Parsson in every assembly). */
final class JsonOut {

    /** Looked up once: inside OSGi the lookup goes through the hk2 resource locator. */
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    static final String JSON = "application/json;charset=UTF-8";

    private JsonOut() {
    }

    static JsonGenerator generator(Writer w) {
        return PROVIDER.createGenerator(w);
    }

    /** Writes {@code {"status":..,"error":code,"message":..}} with the status (and Retry-After). */
    static void error(HttpServletResponse response, ApiException e) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(e.status());
        response.setContentType(JSON);
        response.setHeader("Cache-Control", "no-store");
        if (e.retryAfterSeconds() >= 0) {
            response.setHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = generator(sw)) {
            g.writeStartObject()
                    .write("status", e.status())
                    .write("error", e.code())
                    .write("message", String.valueOf(e.getMessage()))
                    .writeEnd();
        }
        response.getWriter().write(sw.toString());
    }

    /** A probability or time, rounded to 4 decimals (enough for a heat map and for 0.1 ms). */
    static BigDecimal round(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
        // stripTrailingZeros turns 10 into 1E+1: valid JSON, but not what people expect to read.
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** The answer of POST /api/detect. */
    static void detection(JsonGenerator g, DetectionEngine.Result r, DetectionOptions options) {
        Detection d = r.detection();
        g.writeStartObject();
        g.write("file", r.file());
        g.write("durationSeconds", round(r.durationSeconds()));
        g.write("sampleRate", r.sampleRate());
        g.write("framesPerSecond", d.grid().framesPerSecond());
        g.write("frameCount", d.grid().frameCount());
        g.writeStartArray("queries");
        d.queries().forEach(g::write);
        g.writeEnd();
        g.writeStartArray("probabilities");
        for (int k = 0; k < d.queries().size(); k++) {
            g.writeStartArray();
            for (int f = 0; f < d.grid().frameCount(); f++) {
                g.write(round(d.probability(k, f)));
            }
            g.writeEnd();
        }
        g.writeEnd();
        g.writeStartArray("events");
        for (SoundEvent e : d.events()) {
            g.writeStartObject().write("query", e.label()).write("onset", round(e.onset()))
                    .write("offset", round(e.offset())).writeEnd();
        }
        g.writeEnd();
        g.writeStartObject("options")
                .write("threshold", options.threshold())
                .write("medianFilterFrames", options.medianFilterFrames())
                .write("minEventSeconds", options.minEventSeconds())
                .write("maxGapSeconds", options.maxGapSeconds())
                .write("calibration", options.calibration().name().toLowerCase(java.util.Locale.ROOT))
                .writeEnd();
        g.write("elapsedMillis", r.elapsedMillis());
        g.writeEnd();
    }

    /** The events as DCASE TSV ({@code filename onset offset event_label}, with a header). */
    static String tsv(DetectionEngine.Result r) {
        StringBuilder sb = new StringBuilder("filename\tonset\toffset\tevent_label\n");
        for (SoundEvent e : r.detection().events()) {
            sb.append(r.file()).append('\t').append(round(e.onset()).toPlainString()).append('\t')
                    .append(round(e.offset()).toPlainString()).append('\t').append(e.label()).append('\n');
        }
        return sb.toString();
    }

    /** A value of a configuration or service property as JSON. */
    static void value(JsonGenerator g, String key, Object v) {
        if (v instanceof Boolean b) {
            g.write(key, b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.write(key, ((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.write(key, n.doubleValue());
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray(key);
            c.forEach(x -> g.write(String.valueOf(x)));
            g.writeEnd();
        } else if (v instanceof Object[] a) {
            g.writeStartArray(key);
            for (Object x : a) {
                g.write(String.valueOf(x));
            }
            g.writeEnd();
        } else {
            g.write(key, String.valueOf(v));
        }
    }

    static void map(JsonGenerator g, String key, Map<String, ?> m) {
        g.writeStartObject(key);
        m.forEach((k, v) -> value(g, k, v));
        g.writeEnd();
    }
}
