package com.avgym.protocol.message;

import com.avgym.protocol.ErrorCode;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Payload of error / check_*_error frames and body of every REST error. {@code details} holds facts
 * the desk words its message from (expiredOn, since, location...); {@code clientRequestId} is echoed
 * for command errors.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorPayload(String code, String message, boolean retryable, String clientRequestId,
                           Map<String, Object> details) {

    public static ErrorPayload of(ErrorCode code, String message) {
        return new ErrorPayload(code.name(), message, code.retryable(), null, null);
    }

    public ErrorPayload withRequest(String requestId) {
        return new ErrorPayload(code, message, retryable, requestId, details);
    }
}
