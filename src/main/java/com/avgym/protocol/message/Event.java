package com.avgym.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One event-log entry, as GET /api/events/ lists it and as a broadcast frame carries it. */
public record Event(long seq, String type, Instant ts, JsonNode payload) {
}
