package org.flam.serve.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The single-page UI: {@code index.html}, {@code app.js} and {@code app.css} from this
 * bundle's own resources (no CDN, no build step). Any other path is a JSON 404.
 */
final class UiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String ROOT = "ui/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html;charset=UTF-8",
            "app.js", "text/javascript;charset=UTF-8",
            "app.css", "text/css;charset=UTF-8");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        String name = path.equals("/") || path.isEmpty() ? "index.html" : path.substring(path.lastIndexOf('/') + 1);
        String type = FILES.get(name);
        boolean known = type != null && (path.equals("/") || path.isEmpty() || path.equals("/" + name));
        if (!known) {
            JsonOut.error(resp, new ApiException(404, "not-found", "no such page or endpoint: " + path
                    + " (endpoints: POST /api/detect, GET /api/health, GET /api/info; UI at /)"));
            return;
        }
        try (InputStream in = UiServlet.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                JsonOut.error(resp, new ApiException(404, "not-found", "resource missing from the bundle: " + name));
                return;
            }
            resp.setContentType(type);
            resp.setHeader("Cache-Control", "no-cache");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            in.transferTo(resp.getOutputStream());
        }
    }
}
