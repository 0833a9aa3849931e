package org.flam.serve.internal;

import java.io.IOException;
import java.io.StringWriter;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import jakarta.json.stream.JsonGenerator;

/**
 * {@code GET /api/health}: 200 {@code {"status":"ok",...}} when a model loader is bound (the
 * model itself loads on first use), 503 {@code "unavailable"} when none is; never loads the
 * model.
 */
final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient DetectionEngine engine;

    HealthServlet(DetectionEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean ok = engine.hasModelLoader() && engine.modelError() == null;
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = JsonOut.generator(sw)) {
            g.writeStartObject()
                    .write("status", ok ? "ok" : "unavailable")
                    .write("modelLoader", engine.hasModelLoader())
                    .write("modelLoaded", engine.modelLoaded());
            if (engine.modelError() != null) {
                g.write("modelError", engine.modelError());
            }
            g.write("activeDetections", engine.activeDetections())
                    .write("queuedDetections", engine.queuedDetections())
                    .write("maxConcurrentDetections", engine.limits().maxConcurrentDetections())
                    .write("maxQueuedDetections", engine.limits().maxQueuedDetections())
                    .writeEnd();
        }
        resp.setStatus(ok ? 200 : 503);
        resp.setContentType(JsonOut.JSON);
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(sw.toString());
    }
}
