package com.avgym.client;

/** Every failure falls in one class, and each class has one policy (see {@link FailureClassifier}). */
public enum ErrorClass {
    /** Refused, unreachable, timed out, 1006: back off with full jitter. */
    NETWORK,
    /** 5xx, 1011: back off with full jitter. */
    SERVER,
    /** 1001, 1012: the server restarts; reconnect within a random 0-5 s. */
    RESTART,
    /** 503, 1013, 429, 4429: wait at least Retry-After or 30 s. */
    OVERLOADED,
    /** 401 on upgrade, 4401: refresh the token once and reconnect at once. */
    TOKEN_EXPIRED,
    /** Refresh refused: sign in again. */
    AUTH_INVALID,
    /** 403, 4403: sign in again. */
    FORBIDDEN,
    /** 1002 (not a handshake status), 1009, 4400: a bug; back off and report. */
    PROTOCOL,
    /** No frame within two heartbeat intervals, 4408: back off. */
    HEARTBEAT,
    /** 4409: the desk read too slowly; back off and resume. */
    SLOW,
    /**
     * TLS refused the server's certificate (not the pinned one, or not trusted). Marked not retryable: a person must
     * fix the pin or the server; attempts go on with backoff meanwhile, never over plain HTTP.
     */
    UNTRUSTED_SERVER;

    public boolean retryable() {
        return this != AUTH_INVALID && this != FORBIDDEN && this != UNTRUSTED_SERVER;
    }
}
