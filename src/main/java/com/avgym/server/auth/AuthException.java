package com.avgym.server.auth;

import com.avgym.protocol.ErrorCode;

/** Authentication or authorisation refused; {@code code} says why (TOKEN_EXPIRED, FORBIDDEN...). */
public class AuthException extends RuntimeException {
    private final ErrorCode code;
    private final long retryAfterSeconds;

    public AuthException(ErrorCode code, String message) {
        this(code, message, 0);
    }

    public AuthException(ErrorCode code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
