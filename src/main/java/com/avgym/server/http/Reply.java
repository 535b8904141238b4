package com.avgym.server.http;

import java.util.Map;

/**
 * What a route returns: a status, a body to write as JSON (or text for /metrics, or bytes for a photo), an
 * optional Retry-After and extra headers (a photo's ETag and Cache-Control).
 */
public record Reply(int status, Object body, String contentType, Long retryAfterSeconds, Map<String, String> headers) {
    public Reply(int status, Object body, String contentType, Long retryAfterSeconds) {
        this(status, body, contentType, retryAfterSeconds, Map.of());
    }

    public static Reply ok(Object body) {
        return new Reply(200, body, "application/json", null);
    }

    public static Reply status(int status, Object body) {
        return new Reply(status, body, "application/json", null);
    }

    public static Reply text(String body) {
        return new Reply(200, body, "text/plain; version=0.0.4; charset=utf-8", null);
    }

    /** Bytes of {@code contentType}; {@code body} null for a 304 without content. */
    public static Reply bytes(int status, byte[] body, String contentType, Map<String, String> headers) {
        return new Reply(status, body, contentType, null, headers);
    }
}
