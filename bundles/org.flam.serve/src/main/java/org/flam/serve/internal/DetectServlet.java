package org.flam.serve.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import jakarta.json.stream.JsonGenerator;

import org.flam.api.detect.DetectionOptions;

/**
 * {@code POST /api/detect}: a {@code multipart/form-data} form (file field {@code audio} or
 * {@code file}; fields {@code query}, repeatable, and/or {@code queries}, one per line) or a raw
 * audio body with the queries as URL parameters. Optional parameters: {@code threshold},
 * {@code median} (frames), {@code minEvent} and {@code maxGap} (seconds), {@code calibration}
 * ({@code unbiased} or {@code approximate}), {@code filename} (raw bodies) and
 * {@code format=tsv} for DCASE TSV instead of JSON.
 */
final class DetectServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Largest text field of a form, bytes. */
    private static final int MAX_FIELD_BYTES = 64 * 1024;

    private final transient DetectionEngine engine;

    DetectServlet(DetectionEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Allow", "POST");
        JsonOut.error(resp, new ApiException(405, "method-not-allowed",
                "use POST with a multipart form (audio file and queries) or a raw audio body with ?query=..."));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Limits limits = engine.limits();
        long deadline = System.nanoTime() + limits.requestTimeoutMillis() * 1_000_000L;
        Path upload = null;
        try {
            long declared = req.getContentLengthLong();
            if (declared > limits.maxUploadBytes()) {
                throw uploadTooLarge(limits, declared + " bytes");
            }
            if (engine.saturated()) {
                // Refused before the body is read: under overload, reading and storing uploads
                // that will be refused anyway starved the requests that could be served.
                throw engine.busy();
            }
            Map<String, List<String>> fields = new HashMap<>();
            req.getParameterMap().forEach((k, v) -> fields.put(k, new ArrayList<>(List.of(v))));
            String contentType = String.valueOf(req.getContentType()).toLowerCase(Locale.ROOT);
            InputStream body = new LimitedInputStream(req.getInputStream(), limits.maxUploadBytes(), deadline);
            String filename;
            if (contentType.startsWith("multipart/form-data")) {
                Multipart mp = new Multipart(body, Multipart.boundary(req.getContentType()));
                filename = null;
                for (Multipart.Part part = mp.next(); part != null; part = mp.next()) {
                    if (part.isFile() && (part.name().equals("audio") || part.name().equals("file"))) {
                        if (upload != null) {
                            throw new ApiException(400, "bad-request", "send one audio file per request");
                        }
                        upload = newUpload(limits);
                        try (OutputStream out = Files.newOutputStream(upload)) {
                            mp.copyBody(out, limits.maxUploadBytes(), "the audio file");
                        }
                        filename = part.filename();
                    } else if (!part.isFile()) {
                        fields.computeIfAbsent(part.name(), k -> new ArrayList<>())
                                .add(mp.text(MAX_FIELD_BYTES, "form field " + part.name()));
                    }
                }
                if (upload == null) {
                    throw new ApiException(400, "missing-audio",
                            "the form has no audio file: send it as the file field 'audio'");
                }
            } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
                throw new ApiException(415, "unsupported-content-type", "send the audio as multipart/form-data "
                        + "(field 'audio') or as the raw request body with the queries as URL parameters");
            } else {
                List<String> queries = queries(fields, limits); // refuse before storing anything
                if (queries.isEmpty()) {
                    throw noQuery();
                }
                upload = newUpload(limits);
                long n;
                // Into the file createTempFile made (owner-only permissions): Files.copy with
                // REPLACE_EXISTING would delete it and create a world-readable one.
                try (OutputStream out = Files.newOutputStream(upload)) {
                    n = body.transferTo(out);
                }
                if (n == 0) {
                    throw new ApiException(400, "missing-audio", "the request body is empty: send the audio file "
                            + "as the body, or as the file field 'audio' of a multipart form");
                }
                filename = first(fields, "filename");
            }
            List<String> queries = queries(fields, limits);
            if (queries.isEmpty()) {
                throw noQuery();
            }
            DetectionOptions options = options(fields);
            String name = clipName(filename);
            Path file = upload;
            upload = null; // the engine deletes it from here on
            DetectionEngine.Result result = engine.detect(file, name, queries, options, deadline);
            resp.setHeader("Cache-Control", "no-store");
            if ("tsv".equalsIgnoreCase(first(fields, "format"))) {
                resp.setContentType("text/tab-separated-values;charset=UTF-8");
                resp.setHeader("Content-Disposition", "attachment; filename=\"detections.tsv\"");
                resp.getWriter().write(JsonOut.tsv(result));
                return;
            }
            StringWriter sw = new StringWriter();
            try (JsonGenerator g = JsonOut.generator(sw)) {
                JsonOut.detection(g, result, options);
            }
            resp.setContentType(JsonOut.JSON);
            resp.getWriter().write(sw.toString());
        } catch (ApiException e) {
            JsonOut.error(resp, e);
        } catch (TooLarge e) {
            JsonOut.error(resp, uploadTooLarge(limits, "more than " + limits.maxUploadBytes() + " bytes"));
        } catch (TimedOut e) {
            JsonOut.error(resp, engine.timeout());
        } finally {
            if (upload != null) {
                DetectionEngine.deleteQuietly(upload);
            }
        }
    }

    private static ApiException noQuery() {
        return new ApiException(400, "missing-query", "give at least one query: form field or URL parameter "
                + "'query' (repeatable) or 'queries' (one per line)");
    }

    private static ApiException uploadTooLarge(Limits limits, String size) {
        return new ApiException(413, "upload-too-large", "the upload is " + size + "; the limit is "
                + limits.maxUploadBytes() + " bytes (" + limits.maxUploadBytes() / (1024 * 1024)
                + " MB, maxUploadMegabytes)");
    }

    private static Path newUpload(Limits limits) throws IOException {
        Files.createDirectories(limits.uploadFolder());
        return Files.createTempFile(limits.uploadFolder(), "upload-", ".audio");
    }

    private static String first(Map<String, List<String>> fields, String key) {
        List<String> v = fields.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The recording's name: the client's file name without folders, TSV-safe; "upload" if none. */
    static String clipName(String filename) {
        if (filename == null) {
            return "upload";
        }
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}]", " ").strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        return name.isBlank() ? "upload" : name;
    }

    /**
     * The queries of a request: every {@code query} value and every line of {@code queries},
     * trimmed, blank ones dropped, checked against the limits.
     */
    static List<String> queries(Map<String, List<String>> fields, Limits limits) throws ApiException {
        List<String> raw = new ArrayList<>(fields.getOrDefault("query", List.of()));
        for (String block : fields.getOrDefault("queries", List.of())) {
            raw.addAll(List.of(block.split("\\r?\\n|\\r")));
        }
        Set<String> queries = new LinkedHashSet<>();
        for (String q : raw) {
            String s = q.strip();
            if (s.isEmpty()) {
                continue;
            }
            String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
            if (s.codePointCount(0, s.length()) > limits.maxQueryLength()) {
                throw new ApiException(400, "query-too-long", "the query \"" + shown + "\" has "
                        + s.codePointCount(0, s.length()) + " characters; the limit is " + limits.maxQueryLength()
                        + " (maxQueryLength)");
            }
            if (s.chars().anyMatch(Character::isISOControl)) {
                throw new ApiException(400, "bad-query", "the query \"" + shown.replaceAll("\\p{Cntrl}", " ")
                        + "\" holds a tab or another control character");
            }
            if (!queries.add(s)) {
                throw new ApiException(400, "duplicate-query", "the query \"" + shown + "\" is given twice");
            }
        }
        if (queries.size() > limits.maxQueries()) {
            throw new ApiException(400, "too-many-queries", queries.size() + " queries; the limit is "
                    + limits.maxQueries() + " (maxQueries)");
        }
        return List.copyOf(queries);
    }

    /** Post-processing options from the request, defaults where absent. */
    static DetectionOptions options(Map<String, List<String>> fields) throws ApiException {
        DetectionOptions o = DetectionOptions.DEFAULTS;
        try {
            String v;
            if ((v = blankToNull(first(fields, "threshold"))) != null) {
                o = o.withThreshold(number(v, "threshold"));
            }
            if ((v = blankToNull(first(fields, "median"))) != null) {
                o = o.withMedianFilterFrames((int) integer(v, "median"));
            }
            if ((v = blankToNull(first(fields, "minEvent"))) != null) {
                o = o.withMinEventSeconds(number(v, "minEvent"));
            }
            if ((v = blankToNull(first(fields, "maxGap"))) != null) {
                o = o.withMaxGapSeconds(number(v, "maxGap"));
            }
            if ((v = blankToNull(first(fields, "calibration"))) != null) {
                o = o.withCalibration(switch (v.toLowerCase(Locale.ROOT)) {
                    case "unbiased" -> DetectionOptions.Calibration.UNBIASED;
                    case "approximate" -> DetectionOptions.Calibration.APPROXIMATE;
                    default -> throw new IllegalArgumentException(
                            "calibration must be unbiased or approximate, got \"" + v + "\"");
                });
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad-parameter", e.getMessage());
        }
        return o;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static double number(String v, String name) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got \"" + v + "\"");
        }
    }

    private static long integer(String v, String name) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got \"" + v + "\"");
        }
    }

    /** Thrown when a body exceeds the upload limit while it is read. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Counts a body's bytes and stops at the upload limit. */
    static final class LimitedInputStream extends FilterInputStream {
        private final long max;
        private final long deadline;
        private long count;

        /**
         * @param max      most bytes read before {@link TooLarge}
         * @param deadline {@link System#nanoTime()} after which a read throws {@link TimedOut}: the
         *                 request timeout covers the upload, so a client that trickles its body
         *                 (1 byte/s is never idle) cannot hold a connection past it
         */
        LimitedInputStream(InputStream in, long max, long deadline) {
            super(in);
            this.max = max;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            checkDeadline();
            int b = super.read();
            if (b >= 0 && ++count > max) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkDeadline();
            int n = super.read(b, off, len);
            if (n > 0 && (count += n) > max) {
                throw new TooLarge();
            }
            return n;
        }

        private void checkDeadline() throws TimedOut {
            if (System.nanoTime() - deadline > 0) {
                throw new TimedOut();
            }
        }
    }

    /** Thrown when the request timeout passes while the body is read. */
    static final class TimedOut extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
