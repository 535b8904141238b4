package com.avgym.client;

import java.time.Duration;

/** The server answered a REST call with an error status; {@code code} is the body's code when present. */
public class ApiException extends Exception {
    private final int status;
    private final String code;
    private final Duration retryAfter;
    private final String body;

    public ApiException(int status, String code, String message, Duration retryAfter, String body) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The raw JSON error body, e.g. to read {@code details}. */
    public String body() {
        return body;
    }
}
