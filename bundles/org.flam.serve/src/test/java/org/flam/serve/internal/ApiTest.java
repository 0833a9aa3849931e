package org.flam.serve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over a real (embedded) Jetty with a fake detector: shapes, limits, errors. */
class ApiTest {

    @TempDir
    Path tmp;
    Path uploads;
    byte[] wav;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Fakes.LoudnessDetector detector = new Fakes.LoudnessDetector();
    TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        uploads = tmp.resolve("uploads");
        wav = Files.readAllBytes(Fakes.beepWav(tmp.resolve("beep.wav"), 8));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    TestServer start(Limits limits) throws Exception {
        server = new TestServer(limits, new Fakes.Loader(detector));
        return server;
    }

    Limits defaults() {
        return Limits.defaults(uploads);
    }

    // ----- helpers -----

    record Reply(int status, String body, HttpResponse<String> response) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    static final String BOUNDARY = "----flamTestBoundary7MA4YWxkTrZu0gW";

    static byte[] form(byte[] audio, String filename, List<String[]> fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] f : fields) {
            out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1]
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (audio != null) {
            out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"" + filename
                    + "\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(audio);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static List<String[]> queries(String... q) {
        List<String[]> l = new ArrayList<>();
        for (String s : q) {
            l.add(new String[] {"query", s});
        }
        return l;
    }

    Reply post(byte[] body, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        return new Reply(resp.statusCode(), resp.body(), resp);
    }

    Reply detect(String... q) throws Exception {
        return post(form(wav, "beep.wav", queries(q)), "/api/detect");
    }

    Reply get(String path) throws Exception {
        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(server.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(resp.statusCode(), resp.body(), resp);
    }

    static void assertError(Reply r, int status, String code, String... mentions) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.response().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject j = r.json();
        assertEquals(status, j.getInt("status"));
        assertEquals(code, j.getString("error"), r.body());
        for (String m : mentions) {
            assertTrue(j.getString("message").contains(m), () -> "message should mention " + m + ": " + r.body());
        }
    }

    void assertNoUploadsLeft() throws IOException {
        // the worker deletes its file right after detecting, possibly just after the answer
        for (int i = 0; i < 50 && folderSize() > 0; i++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertEquals(0, folderSize(), "uploads must be deleted");
        try (Stream<Path> all = Files.list(tmp)) {
            assertEquals(List.of("beep.wav", "uploads"), all.map(p -> p.getFileName().toString()).sorted().toList(),
                    "nothing written outside the upload folder");
        }
    }

    long folderSize() throws IOException {
        try (Stream<Path> files = Files.list(uploads)) {
            return files.count();
        }
    }

    // ----- tests -----

    @Test
    void detectReturnsFrameRateProbabilitiesAndEvents() throws Exception {
        start(defaults());
        Reply r = detect("beep", "dog barking");
        assertEquals(200, r.status(), r.body());
        JsonObject j = r.json();
        assertEquals("beep.wav", j.getString("file"));
        assertEquals(8.0, j.getJsonNumber("durationSeconds").doubleValue(), 1e-9);
        assertEquals(16000, j.getInt("sampleRate"));
        assertEquals(10.0, j.getJsonNumber("framesPerSecond").doubleValue(), 1e-9);
        assertEquals(80, j.getInt("frameCount"));
        assertEquals(List.of("beep", "dog barking"), j.getJsonArray("queries").getValuesAs(jakarta.json.JsonString::getString));
        JsonArray p = j.getJsonArray("probabilities");
        assertEquals(2, p.size());
        assertEquals(80, p.getJsonArray(0).size());
        assertEquals(1.0, p.getJsonArray(0).getJsonNumber(40).doubleValue(), 1e-9);
        assertTrue(p.getJsonArray(0).getJsonNumber(10).doubleValue() < 0.1);
        JsonArray events = j.getJsonArray("events");
        assertEquals(2, events.size());
        JsonObject e = events.getJsonObject(0);
        assertEquals("beep", e.getString("query"));
        assertEquals(3.0, e.getJsonNumber("onset").doubleValue(), 0.11);
        assertEquals(5.0, e.getJsonNumber("offset").doubleValue(), 0.11);
        assertEquals(0.5, j.getJsonObject("options").getJsonNumber("threshold").doubleValue());
        assertEquals(3, j.getJsonObject("options").getInt("medianFilterFrames"));
        assertTrue(j.containsKey("elapsedMillis"));
        assertNoUploadsLeft();
    }

    @Test
    void rawBodyWithQueriesAsParametersAndTsvFormat() throws Exception {
        start(defaults());
        HttpRequest req = HttpRequest.newBuilder(server.uri("/api/detect?query=beep&filename=my%20clip.wav&format=tsv"))
                .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, resp.statusCode(), resp.body());
        assertTrue(resp.headers().firstValue("Content-Type").orElse("").startsWith("text/tab-separated-values"));
        assertEquals("filename\tonset\toffset\tevent_label\nmy clip.wav\t3\t5\tbeep\n", resp.body());
        assertNoUploadsLeft();
    }

    @Test
    void queriesFieldOnePerLineAndOptions() throws Exception {
        start(defaults());
        Reply r = post(form(wav, "dir/../x\\beep.wav", List.of(new String[] {"queries", "beep\r\n\r\n  siren \n"},
                new String[] {"threshold", "0.9"}, new String[] {"median", "1"})), "/api/detect");
        assertEquals(200, r.status(), r.body());
        JsonObject j = r.json();
        assertEquals("beep.wav", j.getString("file"), "folders are stripped from the client's name");
        assertEquals(2, j.getJsonArray("queries").size());
        assertEquals("siren", j.getJsonArray("queries").getString(1));
        assertEquals(0.9, j.getJsonObject("options").getJsonNumber("threshold").doubleValue());
    }

    @Test
    void uploadTooLargeByContentLength() throws Exception {
        start(defaults().withUploadBytes(100_000));
        assertError(detect("beep"), 413, "upload-too-large", "100000 bytes", "maxUploadMegabytes");
        assertNoUploadsLeft();
    }

    @Test
    void uploadTooLargeWhileStreaming() throws Exception {
        start(defaults().withUploadBytes(100_000));
        byte[] body = form(wav, "beep.wav", queries("beep"));
        HttpRequest req = HttpRequest.newBuilder(server.uri("/api/detect"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException closedEarly) {
            // the server may close the connection before the client finished sending: acceptable
            assertNoUploadsLeft();
            return;
        }
        assertError(new Reply(resp.statusCode(), resp.body(), resp), 413, "upload-too-large", "100000 bytes");
        assertNoUploadsLeft();
    }

    @Test
    void audioTooLong() throws Exception {
        start(defaults().withDuration(4));
        assertError(detect("beep"), 413, "audio-too-long", "8.0 s", "4.0 s", "maxDurationSeconds");
        assertNoUploadsLeft();
    }

    @Test
    void queryLimits() throws Exception {
        start(defaults());
        String[] many = new String[17];
        Arrays.setAll(many, i -> "sound " + i);
        assertError(detect(many), 400, "too-many-queries", "17", "16", "maxQueries");
        assertError(detect("x".repeat(201)), 400, "query-too-long", "201", "200", "maxQueryLength");
        assertError(detect(), 400, "missing-query", "query");
        assertError(detect("  "), 400, "missing-query");
        assertError(detect("beep", "beep"), 400, "duplicate-query", "beep");
        assertError(detect("a\tb"), 400, "bad-query", "tab");
        assertNoUploadsLeft();
    }

    @Test
    void badAudioAndBadRequests() throws Exception {
        start(defaults());
        assertError(post(form("this is not audio at all".getBytes(StandardCharsets.UTF_8), "notes.txt",
                queries("beep")), "/api/detect"), 415, "unsupported-audio", "notes.txt", "WAV");
        byte[] truncated = Arrays.copyOf(wav, 40);
        Reply r = post(form(truncated, "cut.wav", queries("beep")), "/api/detect");
        assertTrue(r.status() >= 400 && r.status() < 500, r.body());
        assertTrue(r.json().getString("message").contains("cut.wav"), r.body());
        assertFalse(r.body().contains(uploads.toString()), "server paths are not shown");
        assertError(post(form(null, null, queries("beep")), "/api/detect"), 400, "missing-audio", "audio");
        assertError(post(form(wav, "b.wav", List.of(new String[] {"threshold", "2"}, new String[] {"query", "beep"})),
                "/api/detect"), 400, "bad-parameter", "threshold");
        assertError(post(form(wav, "b.wav", List.of(new String[] {"median", "two"}, new String[] {"query", "b"})),
                "/api/detect"), 400, "bad-parameter", "median");
        // 46 bytes on which the FLAC decoder used to loop forever, holding a worker: now a clear 400.
        byte[] hanging = java.util.HexFormat.of().parseHex("664c6143800000221000100000061b0008a80bb800f00000bb80"
                + "45f8ebb98f425aa91fbbc978c1023a68fffb9000");
        assertError(post(form(hanging, "hang.flac", queries("beep")), "/api/detect"), 400, "bad-audio", "hang.flac",
                "past the end");
        // A length that would keep a worker busy for minutes is refused before any work.
        assertError(post(form(wav, "b.wav", List.of(new String[] {"median", "1000001"}, new String[] {"query", "b"})),
                "/api/detect"), 400, "bad-parameter", "[1, 1001]");
        byte[] broken = Arrays.copyOf(form(wav, "b.wav", queries("beep")), 5000);
        assertError(post(broken, "/api/detect"), 400, "bad-multipart");
        assertError(get("/api/detect"), 405, "method-not-allowed", "POST");
        assertNoUploadsLeft();
    }

    @Test
    void queueFullGives503WithRetryAfter() throws Exception {
        start(defaults().withWorkers(1, 0, 20_000));
        detector.gate = new CountDownLatch(1);
        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> {
            try {
                return detect("beep");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(detector.entered.await(10, TimeUnit.SECONDS));
        Reply busy = detect("beep");
        assertError(busy, 503, "busy", "maxConcurrentDetections");
        assertEquals("5", busy.response().headers().firstValue("Retry-After").orElse(null));
        // Refused before the body is read: a client that announces 1 MB and sends 10 bytes
        // gets its answer at once, and nothing is stored.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/detect?query=beep HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: audio/wav\r\nContent-Length: 1000000\r\n\r\n0123456789")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 503 Service Unavailable", status);
        }
        assertEquals(1, folderSize(), "only the running request's upload");
        detector.gate.countDown();
        assertEquals(200, first.get(10, TimeUnit.SECONDS).status());
        assertNoUploadsLeft();
    }

    @Test
    void requestTimeoutGives503() throws Exception {
        start(defaults().withWorkers(1, 1, 500));
        detector.gate = new CountDownLatch(1);
        try {
            Reply r = detect("beep");
            assertError(r, 503, "timeout", "0.5 s", "requestTimeoutSeconds");
            assertTrue(r.response().headers().firstValue("Retry-After").isPresent());
        } finally {
            detector.gate.countDown();
        }
        assertNoUploadsLeft();
    }

    @Test
    void aRequestThatTimesOutWhileQueuedLeavesNoUploadAndRawUploadsAreOwnerOnly() throws Exception {
        start(defaults().withWorkers(1, 1, 800));
        detector.gate = new CountDownLatch(1);
        try {
            // A raw-body request occupies the only worker (held by the gate)...
            CompletableFuture<HttpResponse<String>> running = http.sendAsync(HttpRequest.newBuilder(
                    server.uri("/api/detect?query=beep")).header("Content-Type", "audio/wav")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(detector.entered.await(10, TimeUnit.SECONDS));
            try (Stream<Path> files = Files.list(uploads)) {
                for (Path f : files.toList()) {
                    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(f)), "uploads are the server's alone: " + f);
                }
            }
            // ...so the next waits in the queue, times out there, and never runs.
            assertError(detect("beep"), 503, "timeout");
            assertEquals(503, running.get(10, TimeUnit.SECONDS).statusCode());
            // Both answered before the worker let go: the queued upload (whose task never ran)
            // and the running one are deleted by the requests that gave up on them.
            assertEquals(0, folderSize(), "no upload is left while the worker is still held");
        } finally {
            detector.gate.countDown();
        }
        assertNoUploadsLeft();
    }

    @Test
    void staleUploadsOfAnEarlierRunAreRemovedAtStart() throws Exception {
        Files.createDirectories(uploads);
        Path old = Files.write(uploads.resolve("upload-123.audio"), new byte[] {1});
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path fresh = Files.write(uploads.resolve("upload-456.audio"), new byte[] {1});
        Path other = Files.write(uploads.resolve("notes.txt"), new byte[] {1});
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(0));
        start(defaults());
        assertFalse(Files.exists(old), "an hour-old upload cannot belong to a live request");
        assertTrue(Files.exists(fresh) && Files.exists(other), "a recent upload and other files stay");
        Files.delete(fresh);
        Files.delete(other);
    }

    /** One raw HTTP/1.1 exchange (the Java client cannot set Host or send TRACE): status line and body. */
    String[] raw(String method, String path, String host, String... headers) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            socket.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int body = all.indexOf("\r\n\r\n");
            return new String[] {all.substring(0, all.indexOf("\r\n")), all.substring(0, body),
                    all.substring(body + 4)};
        }
    }

    @Test
    void traceAndOtherMethodsAreJson405AndEchoNothing() throws Exception {
        start(defaults());
        for (String method : new String[] {"TRACE", "PUT", "DELETE", "PATCH"}) {
            String[] r = raw(method, "/api/detect", "127.0.0.1", "Cookie: session=secret",
                    "Authorization: Basic c2VjcmV0");
            assertEquals("HTTP/1.1 405 Method Not Allowed", r[0], method);
            assertTrue(r[1].contains("Allow: GET, HEAD, POST, OPTIONS"), r[1]);
            assertTrue(r[1].toLowerCase(Locale.ROOT).contains("content-type: application/json"), r[1]);
            assertTrue(r[2].contains("\"method-not-allowed\"") && r[2].contains(method), r[2]);
            assertFalse(r[2].contains("secret") || r[2].contains("c2VjcmV0"), "no header echoed: " + r[2]);
        }
    }

    @Test
    void aHostNameThatIsNotThisServersIsRefused() throws Exception {
        start(defaults());
        String[] rebound = raw("GET", "/api/info", "attacker.example:" + server.uri("/").getPort());
        assertEquals("HTTP/1.1 403 Forbidden", rebound[0]);
        assertTrue(rebound[2].contains("\"host-not-allowed\"") && rebound[2].contains("allowedHosts"), rebound[2]);
        assertFalse(rebound[2].contains(uploads.toString()), "no local path to a foreign page");
        for (String host : new String[] {"127.0.0.1", "localhost:8080", "[::1]:8080", "10.1.2.3", "DETECT.example.org"}) {
            assertEquals("HTTP/1.1 200 OK", raw("GET", "/api/info", host)[0], host);
        }
    }

    @Test
    void healthSaysStuckWhileACancelledDetectionHoldsItsWorker() throws Exception {
        start(defaults().withWorkers(1, 0, 300));
        detector.gate = new CountDownLatch(1);
        detector.ignoresInterrupts = true;
        try {
            assertError(detect("beep"), 503, "timeout");
            JsonObject health = null;
            for (int i = 0; i < 200; i++) { // past twice the 0.3 s timeout; polled, not timed
                Reply r = get("/api/health");
                health = r.json();
                if (r.status() == 503) {
                    break;
                }
                Thread.sleep(50);
            }
            assertEquals("stuck", health.getString("status"), health.toString());
            assertEquals(1, health.getInt("stuckDetections"));
            assertTrue(health.getBoolean("saturated"), "the only worker is held, no queue: " + health);
        } finally {
            detector.gate.countDown();
        }
        for (int i = 0; i < 200 && get("/api/health").status() != 200; i++) {
            Thread.sleep(50);
        }
        JsonObject after = get("/api/health").json();
        assertEquals("ok", after.getString("status"), after.toString());
        assertEquals(0, after.getInt("stuckDetections"));
        assertNoUploadsLeft();
    }

    @Test
    void theRequestTimeoutCoversATricklingUpload() throws Exception {
        start(defaults().withWorkers(1, 1, 500));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/detect?query=beep HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: audio/wav\r\n"
                    + "Content-Length: " + wav.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            String status = null;
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            // One byte every 100 ms, never idle; the server must answer once its 0.5 s are up.
            for (int i = 0; i < wav.length && status == null; i++) {
                try {
                    out.write(wav[i]);
                    out.flush();
                } catch (IOException closed) {
                    break; // the server answered and closed
                }
                Thread.sleep(100);
                if (socket.getInputStream().available() > 0) {
                    status = in.readLine();
                }
                assertTrue(System.nanoTime() - start < 15_000_000_000L, "no answer within 15 s");
            }
            if (status == null) {
                status = in.readLine();
            }
            assertEquals("HTTP/1.1 503 Service Unavailable", status);
        }
        assertNoUploadsLeft();
    }

    @Test
    void healthAndInfo() throws Exception {
        start(defaults());
        Reply h = get("/api/health");
        assertEquals(200, h.status(), h.body());
        assertEquals("ok", h.json().getString("status"));
        assertFalse(h.json().getBoolean("modelLoaded"));
        Reply i = get("/api/info");
        assertEquals(200, i.status(), i.body());
        JsonObject info = i.json();
        assertEquals(16, info.getJsonObject("limits").getInt("maxQueries"));
        assertEquals(50L * 1024 * 1024, info.getJsonObject("limits").getJsonNumber("maxUploadBytes").longValue());
        assertEquals("fake", info.getJsonObject("implementations").getJsonObject("modelLoader").getString("flam.name"));
        assertEquals(Fakes.LoudnessDetector.class.getName(), info.getJsonObject("implementations").getString("detector"));
        assertEquals("org.flam.fake", info.getJsonObject("model").getJsonArray("bundles").getJsonObject(0)
                .getString("symbolicName"));
        assertEquals(7, info.getJsonObject("model").getInt("seed"));
        assertTrue(get("/api/health").json().getBoolean("modelLoaded"));
    }

    @Test
    void withoutModelLoaderHealthIs503AndDetectSaysWhy() throws Exception {
        server = new TestServer(defaults(), null);
        Reply h = get("/api/health");
        assertEquals(503, h.status());
        assertEquals("unavailable", h.json().getString("status"));
        assertError(detect("beep"), 503, "no-model", "ModelLoader");
        assertTrue(get("/api/info").json().isNull("model"));
        assertNoUploadsLeft();
    }

    @Test
    void uiIsServedAndUnknownPathsAreJson404() throws Exception {
        start(defaults());
        Reply page = get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Download TSV"));
        assertEquals(200, get("/app.js").status());
        assertEquals(200, get("/app.css").status());
        assertError(get("/etc/passwd"), 404, "not-found");
        assertError(get("/api/nope"), 404, "not-found");
    }
}
