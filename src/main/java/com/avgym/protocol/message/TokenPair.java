package com.avgym.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/** POST /api/auth/token/ and token/refresh/ response. {@code user} only on sign-in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenPair(String access, String refresh, UserView user) {
}
