package org.flam.serve.internal;

import java.io.IOException;
import java.io.StringWriter;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import jakarta.json.stream.JsonGenerator;

/**
 * {@code GET /api/health}: 200 {@code {"status":"ok",...}} when a model loader is bound (the
 * model itself loads on first use) and no worker is stuck; 503 {@code "unavailable"} when no
 * loader is bound or the model failed to load, 503 {@code "stuck"} while a detection runs past
 * twice the request timeout (cancelled but still holding its worker). {@code saturated} says
 * whether a detection request would be refused now. Never loads the model.
 */
final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient DetectionEngine engine;

    HealthServlet(DetectionEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean available = engine.hasModelLoader() && engine.modelError() == null;
        int stuck = engine.stuckDetections();
        boolean ok = available && stuck == 0;
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = JsonOut.generator(sw)) {
            g.writeStartObject()
                    .write("status", !available ? "unavailable" : stuck > 0 ? "stuck" : "ok")
                    .write("modelLoader", engine.hasModelLoader())
                    .write("modelLoaded", engine.modelLoaded());
            if (engine.modelError() != null) {
                g.write("modelError", engine.modelError());
            }
            g.write("activeDetections", engine.activeDetections())
                    .write("stuckDetections", stuck)
                    .write("saturated", engine.saturated())
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
