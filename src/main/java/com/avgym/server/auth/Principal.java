package com.avgym.server.auth;

import java.time.Instant;

/** An authenticated caller: the user behind a verified, unrevoked access token. */
public record Principal(String userId, String username, Role role, String fullName, String sessionId,
                        Instant accessExpiresAt) {
}
