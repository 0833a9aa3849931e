package org.flam.serve.internal;

import java.nio.file.Path;

/**
 * The limits of the service, from {@link ServeConfiguration} or given directly (tests).
 *
 * @param maxUploadBytes          largest request body, bytes
 * @param maxDurationSeconds      longest audio, seconds
 * @param maxQueries              most queries per request
 * @param maxQueryLength          longest query, code points
 * @param maxConcurrentDetections worker threads
 * @param maxQueuedDetections     waiting requests beyond the workers
 * @param requestTimeoutMillis    longest request, milliseconds
 * @param retryAfterSeconds       Retry-After of a 503
 * @param uploadFolder            where uploads are stored while a request runs
 * @param maxSampleRate           highest decode rate, Hz
 */
record Limits(long maxUploadBytes, double maxDurationSeconds, int maxQueries, int maxQueryLength,
        int maxConcurrentDetections, int maxQueuedDetections, long requestTimeoutMillis,
        int retryAfterSeconds, Path uploadFolder, int maxSampleRate) {

    static final int DEFAULT_MAX_UPLOAD_MB = 50;
    static final double DEFAULT_MAX_DURATION_SECONDS = 600;
    static final int DEFAULT_MAX_QUERIES = 16;
    static final int DEFAULT_MAX_QUERY_LENGTH = 200;
    static final int DEFAULT_CONCURRENT = 4;
    static final int DEFAULT_QUEUED = 8;
    static final int DEFAULT_TIMEOUT_SECONDS = 60;
    static final int DEFAULT_RETRY_AFTER_SECONDS = 5;
    static final int DEFAULT_MAX_SAMPLE_RATE = 48_000;

    Limits {
        if (maxUploadBytes < 1 || !(maxDurationSeconds > 0) || maxQueries < 1 || maxQueryLength < 1
                || maxConcurrentDetections < 1 || maxQueuedDetections < 0 || requestTimeoutMillis < 1
                || retryAfterSeconds < 0 || maxSampleRate < 1000) {
            throw new IllegalArgumentException("a limit is out of range: " + this);
        }
        uploadFolder = uploadFolder.toAbsolutePath().normalize();
    }

    /** The defaults, with uploads under {@code folder}. */
    static Limits defaults(Path folder) {
        return new Limits(DEFAULT_MAX_UPLOAD_MB * 1024L * 1024L, DEFAULT_MAX_DURATION_SECONDS, DEFAULT_MAX_QUERIES,
                DEFAULT_MAX_QUERY_LENGTH, DEFAULT_CONCURRENT, DEFAULT_QUEUED, DEFAULT_TIMEOUT_SECONDS * 1000L,
                DEFAULT_RETRY_AFTER_SECONDS, folder, DEFAULT_MAX_SAMPLE_RATE);
    }

    static Limits of(ServeConfiguration c) {
        String folder = c.uploadFolder() == null ? "" : c.uploadFolder().strip();
        Path path = folder.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "flam-serve") : Path.of(folder);
        return new Limits(c.maxUploadMegabytes() * 1024L * 1024L, c.maxDurationSeconds(), c.maxQueries(),
                c.maxQueryLength(), c.maxConcurrentDetections(), c.maxQueuedDetections(),
                c.requestTimeoutSeconds() * 1000L, c.retryAfterSeconds(), path, c.maxSampleRate());
    }

    Limits withUploadBytes(long bytes) {
        return new Limits(bytes, maxDurationSeconds, maxQueries, maxQueryLength, maxConcurrentDetections,
                maxQueuedDetections, requestTimeoutMillis, retryAfterSeconds, uploadFolder, maxSampleRate);
    }

    Limits withDuration(double seconds) {
        return new Limits(maxUploadBytes, seconds, maxQueries, maxQueryLength, maxConcurrentDetections,
                maxQueuedDetections, requestTimeoutMillis, retryAfterSeconds, uploadFolder, maxSampleRate);
    }

    Limits withWorkers(int concurrent, int queued, long timeoutMillis) {
        return new Limits(maxUploadBytes, maxDurationSeconds, maxQueries, maxQueryLength, concurrent, queued,
                timeoutMillis, retryAfterSeconds, uploadFolder, maxSampleRate);
    }
}
