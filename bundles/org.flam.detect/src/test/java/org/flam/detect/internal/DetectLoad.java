package org.flam.detect.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load generator for {@code flam serve} (run by {@code bench/detect.sh}): C clients
 * on their own threads, each posting the same recording as a raw body with the queries as URL
 * parameters, the next request when the answer is in, until the time or the request budget is
 * spent (requests under way then are awaited, so the run ends within one request timeout).
 * A 503 (the server's queue is full: {@code busy}, or {@code timeout}) is counted apart from
 * errors, and the client then waits {@code backoffMs} before its next request (0: at once).
 *
 * <pre>
 * DetectLoad BASE_URL FILE CLIENTS SECONDS MAX_REQUESTS BACKOFF_MS QUERY...
 * </pre>
 */
public final class DetectLoad {

    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]*)\"");

    private DetectLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: DetectLoad BASE_URL FILE CLIENTS SECONDS MAX_REQUESTS BACKOFF_MS QUERY...");
            System.exit(2);
        }
        String base = args[0];
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        int clients = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        long maxRequests = Long.parseLong(args[4]);
        long backoffMs = Long.parseLong(args[5]);
        StringBuilder q = new StringBuilder();
        for (int i = 6; i < args.length; i++) {
            q.append(i == 6 ? "?" : "&").append("query=").append(URLEncoder.encode(args[i], StandardCharsets.UTF_8));
        }
        q.append("&filename=").append(URLEncoder.encode(Path.of(args[1]).getFileName().toString(), StandardCharsets.UTF_8));
        URI uri = URI.create(base + "/api/detect" + q);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(180))
                .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();

        AtomicLong started = new AtomicLong();
        Map<String, LongAdder> byOutcome = new ConcurrentHashMap<>();
        List<List<double[]>> perClient = new ArrayList<>(); // {latency ms, status}
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            List<double[]> mine = new ArrayList<>();
            perClient.add(mine);
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end && started.incrementAndGet() <= maxRequests) {
                        long a = System.nanoTime();
                        int status;
                        String outcome;
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            status = r.statusCode();
                            if (status == 200) {
                                outcome = "200";
                            } else {
                                Matcher m = ERROR.matcher(r.body());
                                outcome = status + " " + (m.find() ? m.group(1) : "?");
                            }
                        } catch (java.io.IOException e) {
                            status = -1;
                            outcome = "exception " + e.getClass().getSimpleName();
                        } catch (InterruptedException e) {
                            return;
                        }
                        mine.add(new double[] {(System.nanoTime() - a) / 1e6, status});
                        byOutcome.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                        if (status == 503 && backoffMs > 0) {
                            Thread.sleep(backoffMs);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "load-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        double wall = (System.nanoTime() - t0) / 1e9;

        List<Double> ok = new ArrayList<>();
        List<Double> busy = new ArrayList<>();
        long total = 0;
        for (List<double[]> l : perClient) {
            for (double[] r : l) {
                total++;
                if (r[1] == 200) {
                    ok.add(r[0]);
                } else if (r[1] == 503) {
                    busy.add(r[0]);
                }
            }
        }
        long errors = total - ok.size() - busy.size();
        System.out.printf(Locale.ROOT, "  %d clients, %.1f s (limit %.0f s, %d requests), %d answers, %d B per upload%n",
                clients, wall, seconds, maxRequests, total, body.length);
        System.out.printf(Locale.ROOT, "  detections (200)            %6d   %7.2f req/s%n", ok.size(), ok.size() / wall);
        if (!ok.isEmpty()) {
            double[] v = ok.stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf(Locale.ROOT, "  latency of 200s             p50 %7.0f ms  p99 %7.0f ms  max %7.0f ms%n",
                    DetectBench.percentile(v, 0.5), DetectBench.percentile(v, 0.99), DetectBench.percentile(v, 1.0));
        }
        System.out.printf(Locale.ROOT, "  refused (503, expected)     %6d   %7.2f req/s%s%n", busy.size(), busy.size() / wall,
                busy.isEmpty() ? "" : String.format(Locale.ROOT, "  (answered in p50 %.0f ms; client waits %d ms after each)",
                        DetectBench.percentile(busy.stream().mapToDouble(Double::doubleValue).toArray(), 0.5), backoffMs));
        System.out.printf(Locale.ROOT, "  errors (other)              %6d%n", errors);
        for (Map.Entry<String, Long> e : new TreeMap<>(toLongs(byOutcome)).entrySet()) {
            System.out.printf(Locale.ROOT, "    %-26s %6d%n", e.getKey(), e.getValue());
        }
        System.out.flush();
        System.exit(0);
    }

    private static Map<String, Long> toLongs(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
