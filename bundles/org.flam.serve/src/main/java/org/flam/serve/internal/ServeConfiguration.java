package org.flam.serve.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the HTTP detection service (PID {@code org.flam.serve}). */
@ObjectClassDefinition(name = "FLAM HTTP detection service",
        description = "POST /api/detect, GET /api/health, GET /api/info and the web UI, on the OSGi HTTP "
                + "Whiteboard. Every limit below answers with a 4xx (or 503) JSON error that names it.")
public @interface ServeConfiguration {

    @AttributeDefinition(name = "Largest upload (MB)",
            description = "Largest request body of POST /api/detect, in MiB (1 MiB = 1048576 bytes), audio and "
                    + "form fields together. A larger body is refused with 413 upload-too-large before or while "
                    + "it is read; nothing beyond the limit is stored.", min = "1")
    int maxUploadMegabytes() default Limits.DEFAULT_MAX_UPLOAD_MB;

    @AttributeDefinition(name = "Longest audio (s)",
            description = "Longest recording accepted, in seconds of audio. A longer one is refused with 413 "
                    + "audio-too-long (decoding stops at the limit).", min = "0.001")
    double maxDurationSeconds() default Limits.DEFAULT_MAX_DURATION_SECONDS;

    @AttributeDefinition(name = "Most queries",
            description = "Most text queries in one request; more gives 400 too-many-queries.", min = "1")
    int maxQueries() default Limits.DEFAULT_MAX_QUERIES;

    @AttributeDefinition(name = "Longest query (characters)",
            description = "Longest query, in characters (Unicode code points) after trimming; longer gives 400 "
                    + "query-too-long.", min = "1")
    int maxQueryLength() default Limits.DEFAULT_MAX_QUERY_LENGTH;

    @AttributeDefinition(name = "Concurrent detections",
            description = "Worker threads: how many detections (decoding and model) run at once.", min = "1")
    int maxConcurrentDetections() default Limits.DEFAULT_CONCURRENT;

    @AttributeDefinition(name = "Queued detections",
            description = "Requests that wait for a worker when all are busy (0: none wait). When the queue "
                    + "is full a request gets 503 busy with a Retry-After header.", min = "0")
    int maxQueuedDetections() default Limits.DEFAULT_QUEUED;

    @AttributeDefinition(name = "Request timeout (s)",
            description = "Longest time from the start of a request to its answer, upload, queue and "
                    + "detection included; past it the request gets 503 timeout (and the detection is "
                    + "cancelled).", min = "1")
    int requestTimeoutSeconds() default Limits.DEFAULT_TIMEOUT_SECONDS;

    @AttributeDefinition(name = "Retry-After (s)",
            description = "Seconds a client is told to wait (Retry-After header) after 503 busy or timeout.",
            min = "1")
    int retryAfterSeconds() default Limits.DEFAULT_RETRY_AFTER_SECONDS;

    @AttributeDefinition(name = "Upload folder",
            description = "Folder for the temporary copy of each upload (deleted after the request). Empty: "
                    + "flam-serve under java.io.tmpdir. The service writes nowhere else.")
    String uploadFolder() default "";

    @AttributeDefinition(name = "Decode rate limit (Hz)",
            description = "Uploads are decoded at their own sample rate, capped at this rate (the detector "
                    + "resamples to its encoder's rate); bounds memory per request.", min = "8000")
    int maxSampleRate() default Limits.DEFAULT_MAX_SAMPLE_RATE;

    @AttributeDefinition(name = "Allowed host names",
            description = "Host names, besides IP addresses and localhost, that requests may name in their Host "
                    + "header, e.g. detect.example.org when the service is reached by that name. Other names get "
                    + "403 host-not-allowed, which keeps a web page on another site from reaching the service by "
                    + "re-pointing its own name at this machine (DNS rebinding).")
    String[] allowedHosts() default {};

    @AttributeDefinition(name = "Model loader",
            description = "LDAP filter choosing the ModelLoader service, e.g. (flam.name=flam); its default "
                    + "model (loadDefault) is loaded on the first request that needs it.")
    String modelLoader_target() default "(objectClass=*)";
}
