package org.flam.serve.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.flam.api.AudioClip;
import org.flam.api.Detection;
import org.flam.api.detect.DetectionOptions;
import org.flam.api.detect.Detector;
import org.flam.api.detect.ModelLoader;
import org.flam.audio.io.AudioFileException;
import org.flam.audio.io.AudioInfo;
import org.flam.audio.io.AudioReader;
import org.flam.audio.io.AudioStream;

/**
 * Runs detections on a bounded worker pool: decodes an uploaded file (bounded by the duration
 * limit), gets the detector of the default model (loaded once, on first use) and detects.
 * Thread-safe.
 */
final class DetectionEngine implements AutoCloseable {

    /** What one detection produced. */
    record Result(String file, double durationSeconds, int sampleRate, Detection detection, long elapsedMillis) {
    }

    private final Limits limits;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger active = new AtomicInteger();
    /** Worker threads running a detection, with their start ({@link System#nanoTime()}). */
    private final Map<Thread, Long> running = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile ModelLoader loader;
    private volatile Map<String, Object> loaderProperties = Map.of();
    private Detector detector;
    private volatile String modelError;

    DetectionEngine(Limits limits) throws IOException {
        this.limits = limits;
        Files.createDirectories(limits.uploadFolder());
        removeStaleUploads(limits);
        BlockingQueue<Runnable> queue = limits.maxQueuedDetections() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(limits.maxQueuedDetections());
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(limits.maxConcurrentDetections(), limits.maxConcurrentDetections(),
                30, TimeUnit.SECONDS, queue, r -> {
                    Thread t = new Thread(r, "flam-serve-detect-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Deletes uploads an earlier run left behind (a crash, a kill): files named like this
     * server's uploads and older than twice the request timeout, which no live request can
     * still own, even one of another server sharing the folder.
     */
    static void removeStaleUploads(Limits limits) throws IOException {
        long cutoff = System.currentTimeMillis() - 2 * limits.requestTimeoutMillis();
        try (var files = Files.newDirectoryStream(limits.uploadFolder(), "upload-*.audio")) {
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).toMillis() < cutoff) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException ignored) {
                    // Another server may have deleted it meanwhile.
                }
            }
        }
    }

    Limits limits() {
        return limits;
    }

    /** Binds (or with null unbinds) the model loader; a new loader drops the cached detector. */
    synchronized void setModelLoader(ModelLoader newLoader, Map<String, Object> properties) {
        loader = newLoader;
        loaderProperties = properties == null ? Map.of() : Map.copyOf(properties);
        detector = null;
        modelError = null;
    }

    boolean hasModelLoader() {
        return loader != null;
    }

    Map<String, Object> modelLoaderProperties() {
        return loaderProperties;
    }

    synchronized boolean modelLoaded() {
        return detector != null;
    }

    /** Why the default model could not be loaded last time, or null. */
    String modelError() {
        return modelError;
    }

    /**
     * Whether a new detection would be refused now: every worker busy and the queue full. Read
     * before a request's body, so that under overload the upload is neither read nor stored
     * (a best-effort check: {@link #detect} still refuses what slips through).
     */
    boolean saturated() {
        return active.get() >= limits.maxConcurrentDetections() && pool.getQueue().remainingCapacity() == 0;
    }

    ApiException busy() {
        return new ApiException(503, "busy", "all " + limits.maxConcurrentDetections() + " workers are busy and "
                + limits.maxQueuedDetections() + " requests are waiting (maxConcurrentDetections, "
                + "maxQueuedDetections); try again later", limits.retryAfterSeconds());
    }

    /**
     * Detections running for more than twice the request timeout: each was cancelled at the
     * timeout and should have stopped at its next block or window; one that did not holds a
     * worker for good, which health must report.
     */
    int stuckDetections() {
        long limit = System.nanoTime() - 2 * limits.requestTimeoutMillis() * 1_000_000L;
        int n = 0;
        for (long start : running.values()) {
            if (start - limit < 0) {
                n++;
            }
        }
        return n;
    }

    int activeDetections() {
        return active.get();
    }

    int queuedDetections() {
        return pool.getQueue().size();
    }

    /**
     * The detector of the default model, loaded on the first call.
     *
     * @throws ApiException 503 if there is no model loader or the model cannot be loaded
     */
    synchronized Detector detector() throws ApiException {
        if (detector != null) {
            return detector;
        }
        ModelLoader l = loader;
        if (l == null) {
            throw new ApiException(503, "no-model", "this assembly has no ModelLoader service (is the "
                    + "detection runtime bundle org.flam.detect installed and configured?)");
        }
        try {
            detector = l.loadDefault();
            modelError = null;
            return detector;
        } catch (IOException | RuntimeException e) {
            modelError = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new ApiException(503, "model-unavailable", "the default model cannot be loaded: " + modelError);
        }
    }

    /**
     * Detects the queries in an uploaded file, which this method deletes (now, or when the
     * worker is done with it).
     *
     * @param file     the upload, inside the upload folder
     * @param name     the recording's name for reports (TSV-safe)
     * @param deadline {@link System#nanoTime()} by which the answer is due
     */
    Result detect(Path file, String name, List<String> queries, DetectionOptions options, long deadline)
            throws ApiException {
        long start = System.nanoTime();
        Future<Result> future;
        try {
            future = pool.submit(() -> {
                active.incrementAndGet();
                running.put(Thread.currentThread(), System.nanoTime());
                try {
                    AudioClip clip = decode(file, name);
                    Detection d = detector().detect(clip, queries, options);
                    return new Result(name, clip.durationSeconds(), clip.sampleRate(), d,
                            (System.nanoTime() - start) / 1_000_000);
                } finally {
                    running.remove(Thread.currentThread());
                    active.decrementAndGet();
                    deleteQuietly(file);
                }
            });
        } catch (RejectedExecutionException e) {
            deleteQuietly(file);
            throw busy();
        }
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(future, file);
            throw timeout();
        } catch (InterruptedException e) {
            abandon(future, file);
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted", "the service is shutting down", limits.retryAfterSeconds());
        } catch (CancellationException e) {
            throw timeout();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException api) {
                throw api;
            }
            if (cause instanceof IllegalArgumentException bad) {
                throw new ApiException(400, "bad-request", bad.getMessage());
            }
            throw new ApiException(500, "detection-failed", "detection failed: " + cause);
        }
    }

    /**
     * Stops a detection whose answer is no longer wanted: a running one is interrupted (decoding
     * and detection stop at their next block or window); a queued one never runs, so its task's
     * own clean-up never runs either: its upload is deleted here and its queue slot freed.
     */
    private void abandon(Future<Result> future, Path file) {
        future.cancel(true);
        pool.purge();
        // A worker that is still reading the file keeps its open handle; the name goes now.
        deleteQuietly(file);
    }

    ApiException timeout() {
        return new ApiException(503, "timeout", "the request took longer than the limit of "
                + limits.requestTimeoutMillis() / 1000.0 + " s (requestTimeoutSeconds)", limits.retryAfterSeconds());
    }

    /** Decodes at the file's rate (capped at maxSampleRate), stopping at the duration limit. */
    AudioClip decode(Path file, String name) throws ApiException {
        try {
            AudioInfo info = AudioReader.probe(file);
            double duration = info.durationSeconds();
            if (!Double.isNaN(duration) && duration > limits.maxDurationSeconds()) {
                throw tooLong(String.format("%.1f s", duration));
            }
            int rate = Math.min(info.sampleRate(), limits.maxSampleRate());
            long max = (long) Math.ceil(limits.maxDurationSeconds() * rate);
            if (max >= Integer.MAX_VALUE - 16) {
                max = Integer.MAX_VALUE - 16;
            }
            try (AudioStream stream = AudioReader.open(file, rate)) {
                float[] samples = new float[(int) Math.min(max + 1, Math.max(1 << 16,
                        Double.isNaN(duration) ? 1 << 20 : (long) Math.ceil(duration * rate) + 1024))];
                int n = 0;
                while (true) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("timed out while decoding");
                    }
                    if (n == samples.length) {
                        if (n > max) {
                            throw tooLong("more than " + limits.maxDurationSeconds() + " s");
                        }
                        samples = Arrays.copyOf(samples, (int) Math.min(max + 1, 2L * n));
                    }
                    int got = stream.read(samples, n, samples.length - n);
                    if (got < 0) {
                        break;
                    }
                    n += got;
                    if (n > max) {
                        throw tooLong("more than " + limits.maxDurationSeconds() + " s");
                    }
                }
                if (n == 0) {
                    throw new ApiException(400, "empty-audio", "the audio file " + name + " decodes to no samples");
                }
                return new AudioClip(name, n == samples.length ? samples : Arrays.copyOf(samples, n), rate);
            }
        } catch (AudioFileException e) {
            String detail = String.valueOf(e.getMessage()).replace(file.toString(), name);
            int status = switch (e.reason()) {
                case UNSUPPORTED_FORMAT -> 415;
                case TOO_LARGE -> 413;
                case UNREADABLE -> 500;
                default -> 400;
            };
            String code = switch (e.reason()) {
                case UNSUPPORTED_FORMAT -> "unsupported-audio";
                case TOO_LARGE -> "audio-too-large";
                case UNREADABLE -> "upload-unreadable";
                case EMPTY -> "empty-audio";
                default -> "bad-audio";
            };
            throw new ApiException(status, code, "cannot decode the audio (" + e.reason() + "): " + detail
                    + (status == 415 ? "; accepted: WAV, FLAC, Ogg Vorbis, MP3" : ""));
        }
    }

    private ApiException tooLong(String what) {
        return new ApiException(413, "audio-too-long", "the audio is " + what + " long; the limit is "
                + limits.maxDurationSeconds() + " s (maxDurationSeconds)");
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            file.toFile().deleteOnExit();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
