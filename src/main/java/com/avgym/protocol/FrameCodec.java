package com.avgym.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Text to {@link Frame} and back, with the envelope checks of docs/PROTOCOL.md. */
public final class FrameCodec {

    public static String encode(Frame frame) {
        return Json.write(frame);
    }

    /**
     * Parses and checks the envelope. Throws {@link ProtocolException} with INVALID_JSON,
     * INVALID_MESSAGE (not an object, no string {@code type}, bad {@code id}) or leaves type checks
     * to the caller, who answers UNKNOWN_TYPE.
     */
    public static Frame decode(String text) {
        JsonNode node = Json.parse(text);
        if (!node.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "frame must be a JSON object");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "field 'type' must be a string");
        }
        JsonNode id = node.get("id");
        if (id != null && !id.isNull() && !id.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "field 'id' must be a string");
        }
        if (id != null && id.isTextual() && id.asText().length() > 100) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "field 'id' is too long");
        }
        JsonNode seq = node.get("seq");
        JsonNode payload = node.get("payload");
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "field 'payload' must be an object");
        }
        JsonNode ts = node.get("ts");
        Instant instant = null;
        if (ts != null && ts.isTextual()) {
            try {
                instant = Instant.parse(ts.asText());
            } catch (RuntimeException e) {
                throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "field 'ts' must be an ISO-8601 instant");
            }
        }
        return new Frame(type.asText(),
                id == null || id.isNull() ? null : id.asText(),
                seq != null && seq.canConvertToLong() ? seq.asLong() : null,
                instant,
                payload == null || payload.isNull() ? Json.MAPPER.createObjectNode() : payload);
    }

    private FrameCodec() {
    }
}
