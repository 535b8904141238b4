package com.avgym.protocol.message;

import java.time.Instant;

public record AuthRefreshed(Instant accessExpiresAt) {
}
