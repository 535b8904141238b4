package com.avgym.protocol.message;

import java.time.Instant;

/** heartbeat_ack payload; the heartbeat command itself has an empty payload. */
public record Heartbeat(Instant serverTime) {
}
