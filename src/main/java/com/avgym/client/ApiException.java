package com.avgym.client;

import com.avgym.protocol.Json;
import com.avgym.protocol.message.ErrorPayload;
import java.time.Duration;
import java.util.Objects;

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

    /** The body as the protocol's error payload (code, message, details); from the status alone when it is not JSON. */
    public ErrorPayload errorPayload() {
        try {
            return Json.convert(Json.parse(body), ErrorPayload.class);
        } catch (RuntimeException notJson) {
            return new ErrorPayload(Objects.requireNonNullElse(code, "HTTP_" + status), getMessage(), false, null, null);
        }
    }
}
