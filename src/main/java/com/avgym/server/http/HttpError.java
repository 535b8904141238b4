package com.avgym.server.http;

import com.avgym.protocol.ErrorCode;

/** Ends a REST request with {@code status} and the body {@code {code,message,retryable}}. */
public class HttpError extends RuntimeException {
    private final int status;
    private final ErrorCode code;

    public HttpError(int status, ErrorCode code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public HttpError(ErrorCode code, String message) {
        this(code.httpStatus(), code, message);
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }
}
