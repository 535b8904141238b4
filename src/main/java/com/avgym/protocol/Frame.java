package com.avgym.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One WebSocket text frame: {@code {type, id?, seq?, ts, payload}}. {@code id} pairs a command with
 * its reply; {@code seq} is the event-log sequence number of a broadcast.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Frame(String type, String id, Long seq, Instant ts, JsonNode payload) {

    public static Frame of(MessageType type, String id, Long seq, Instant ts, Object payload) {
        return new Frame(type.wireName(), id, seq, ts, Json.MAPPER.valueToTree(payload));
    }

    public <T> T payloadAs(Class<T> type) {
        return Json.convert(payload, type);
    }
}
