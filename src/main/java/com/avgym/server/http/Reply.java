package com.avgym.server.http;

/** What a route returns: a status, a body to write as JSON (or text for /metrics) and an optional Retry-After. */
public record Reply(int status, Object body, String contentType, Long retryAfterSeconds) {
    public static Reply ok(Object body) {
        return new Reply(200, body, "application/json", null);
    }

    public static Reply status(int status, Object body) {
        return new Reply(status, body, "application/json", null);
    }

    public static Reply text(String body) {
        return new Reply(200, body, "text/plain; version=0.0.4; charset=utf-8", null);
    }
}
