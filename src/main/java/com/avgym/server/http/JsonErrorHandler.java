package com.avgym.server.http;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Json;
import com.avgym.protocol.message.ErrorPayload;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it refuses before any handler: bad URI or escapes, headers or URI too
 * large, a body over the limit, a handler that threw) in the documented ErrorPayload instead of an HTML page.
 * The message is fixed per status and never echoes the request.
 */
public final class JsonErrorHandler extends ErrorHandler {
    /** Retry-After of every 503 while the server drains: health, refused upgrades and Jetty's own while it stops. */
    public static final long DRAINING_RETRY_AFTER_SECONDS = 5;
    private final SecurityHeaders securityHeaders;

    public JsonErrorHandler(SecurityHeaders securityHeaders) {
        this.securityHeaders = securityHeaders;
        setCacheControl("no-store");
    }

    /** The code and message a desk or tool can act on for each HTTP status Jetty may produce. */
    static ErrorPayload payloadFor(int status) {
        return switch (status) {
            case 400 -> ErrorPayload.of(ErrorCode.INVALID_REQUEST, "malformed HTTP request (URI, escapes or headers)");
            case 404 -> ErrorPayload.of(ErrorCode.NOT_FOUND, "no such endpoint");
            case 405 -> ErrorPayload.of(ErrorCode.INVALID_MESSAGE, "method not allowed");
            case 408 -> ErrorPayload.of(ErrorCode.REQUEST_TIMEOUT, "the request did not arrive in time");
            case 413 -> ErrorPayload.of(ErrorCode.REQUEST_TOO_LARGE, "the request body is too large");
            case 414 -> ErrorPayload.of(ErrorCode.REQUEST_TOO_LARGE, "the request URI is too long");
            case 431 -> ErrorPayload.of(ErrorCode.REQUEST_TOO_LARGE, "the request headers are too large");
            case 503 -> ErrorPayload.of(ErrorCode.SERVER_DRAINING, "the server is not accepting requests now");
            default -> status >= 500
                    ? ErrorPayload.of(ErrorCode.INTERNAL, "internal error; try again")
                    : ErrorPayload.of(ErrorCode.INVALID_REQUEST, "the request was refused (HTTP " + status + ")");
        };
    }

    /** Jetty writes error bodies only for GET, POST and HEAD by default; PATCH and the rest get the JSON too. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        securityHeaders.apply(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (code == 503) {
            // Jetty's graceful handler answers 503 once the server is stopping: the last part of a drain, where
            // desks and the load balancer still need to know when to come back.
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(DRAINING_RETRY_AFTER_SECONDS));
        }
        Content.Sink.write(response, true, Json.write(payloadFor(code)), callback);
    }
}
