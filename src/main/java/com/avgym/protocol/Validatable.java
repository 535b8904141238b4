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

    /** True when none of {@code values} holds U+0000, which PostgreSQL cannot store in text (SQLite can). */
    static boolean noNul(String... values) {
        for (String v : values) {
            if (v != null && v.indexOf('\u0000') >= 0) {
                return false;
            }
        }
        return true;
    }
}
