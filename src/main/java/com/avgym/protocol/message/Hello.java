package com.avgym.protocol.message;

import java.time.Instant;

/** First frame on every socket. {@code lastSeq} is the newest event-log seq at open time. */
public record Hello(int protocolVersion, String connectionId, Instant serverTime, long heartbeatIntervalMs,
                    Instant accessExpiresAt, long lastSeq) {
    public static final int PROTOCOL_VERSION = 1;
}
