package org.flam.serve.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Supplier;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import jakarta.json.stream.JsonGenerator;

import org.flam.api.ModelManifest;
import org.flam.api.detect.Detector;

/**
 * {@code GET /api/info}: the limits, the bound implementations (model loader service and the
 * detector class, plus every FLAM plug-in service of the assembly where running in OSGi) and
 * the default model's manifest (loading the model if it is not loaded yet).
 */
final class InfoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient DetectionEngine engine;
    private final transient Supplier<Map<String, String>> implementations;

    /**
     * @param implementations FLAM service type to its implementations ("name (bundle)"), e.g.
     *                        from the service registry; empty outside OSGi
     */
    InfoServlet(DetectionEngine engine, Supplier<Map<String, String>> implementations) {
        this.engine = engine;
        this.implementations = implementations;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Detector detector = null;
        ApiException problem = null;
        try {
            detector = engine.detector();
        } catch (ApiException e) {
            problem = e;
        }
        Limits l = engine.limits();
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = JsonOut.generator(sw)) {
            g.writeStartObject();
            g.writeStartObject("limits")
                    .write("maxUploadBytes", l.maxUploadBytes())
                    .write("maxDurationSeconds", l.maxDurationSeconds())
                    .write("maxQueries", l.maxQueries())
                    .write("maxQueryLength", l.maxQueryLength())
                    .write("maxConcurrentDetections", l.maxConcurrentDetections())
                    .write("maxQueuedDetections", l.maxQueuedDetections())
                    .write("requestTimeoutSeconds", l.requestTimeoutMillis() / 1000.0)
                    .writeEnd();
            g.writeStartObject("implementations");
            if (engine.hasModelLoader()) {
                JsonOut.map(g, "modelLoader", engine.modelLoaderProperties());
            } else {
                g.writeNull("modelLoader");
            }
            if (detector != null) {
                g.write("detector", detector.getClass().getName());
            } else {
                g.writeNull("detector");
            }
            JsonOut.map(g, "services", implementations.get());
            g.writeEnd();
            if (detector != null) {
                manifest(g, detector.model());
            } else {
                g.writeNull("model");
                g.write("modelError", problem.getMessage());
            }
            g.writeEnd();
        }
        resp.setContentType(JsonOut.JSON);
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(sw.toString());
    }

    static void manifest(JsonGenerator g, ModelManifest m) {
        g.writeStartObject("model");
        g.writeStartArray("bundles");
        for (ModelManifest.BundleRef b : m.bundles()) {
            g.writeStartObject().write("symbolicName", b.symbolicName()).write("version", b.version()).writeEnd();
        }
        g.writeEnd();
        g.writeStartObject("configurations");
        m.configurations().forEach((pid, props) -> JsonOut.map(g, pid, props));
        g.writeEnd();
        g.write("seed", m.seed());
        g.write("dataManifestHash", m.dataManifestHash());
        g.write("createdAt", m.createdAt().toString());
        g.write("notes", m.notes());
        g.writeEnd();
    }
}
