package com.avgym.protocol;

/**
 * Error codes shared by REST bodies ({@code {code,message,retryable}}) and socket {@code error} /
 * {@code *_error} frames. Only the retryable ones ({@link #INTERNAL}, {@link #SERVER_DRAINING},
 * {@link #REQUEST_TIMEOUT}) are worth retrying unchanged.
 */
public enum ErrorCode {
    // domain
    MEMBER_NOT_FOUND(404, false),
    MEMBER_INACTIVE(409, false),
    MEMBERSHIP_EXPIRED(409, false),
    ALREADY_CHECKED_IN(409, false),
    NOT_CHECKED_IN(409, false),
    /** A check-in with an {@code override} but no reason: staff must say why they let the member in. */
    OVERRIDE_REASON_REQUIRED(400, false),
    /** A member turned away offline whom the server would have let in: listed for review (PROTOCOL.md section 14). */
    REFUSED_OFFLINE(409, false),
    /** A review item acknowledged a second time. */
    REVIEW_ALREADY_ACKNOWLEDGED(409, false),
    // access
    FORBIDDEN(403, false),
    // bad input
    INVALID_JSON(400, false),
    INVALID_MESSAGE(400, false),
    UNKNOWN_TYPE(400, false),
    UNSUPPORTED_MEDIA_TYPE(415, false),
    RATE_LIMITED(429, false),
    INTERNAL(500, true),
    // REST only: authentication
    INVALID_CREDENTIALS(401, false),
    TOKEN_MISSING(401, false),
    TOKEN_INVALID(401, false),
    TOKEN_EXPIRED(401, false),
    TOKEN_REVOKED(401, false),
    USER_INACTIVE(403, false),
    TOO_MANY_CONNECTIONS(429, false),
    SERVER_DRAINING(503, true),
    NOT_FOUND(404, false),
    // REST only: the HTTP request itself (answered by the server's error handler or before routing)
    INVALID_REQUEST(400, false),
    REQUEST_TOO_LARGE(413, false),
    REQUEST_TIMEOUT(408, true),
    ORIGIN_NOT_ALLOWED(403, false),
    // REST only: member photos
    PHOTO_TOO_LARGE(413, false),
    PHOTO_INVALID(400, false),
    PHOTO_NOT_FOUND(404, false);

    private final int httpStatus;
    private final boolean retryable;

    ErrorCode(int httpStatus, boolean retryable) {
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }
}
