package com.avgym.protocol;

/** Payloads that check their own required fields after binding. */
public interface Validatable {
    /** @throws ProtocolException with INVALID_MESSAGE naming the first bad field */
    void validate();

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, message);
        }
    }

    static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
