package org.flam.serve.internal;

/**
 * A request the service refuses: HTTP status, a stable machine-readable code (e.g.
 * {@code too-many-queries}) and a message for people that says what was wrong and what the
 * limit is.
 */
final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final int retryAfterSeconds;

    ApiException(int status, String code, String message) {
        this(status, code, message, -1);
    }

    ApiException(int status, String code, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Seconds for a Retry-After header, or -1 for none. */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
