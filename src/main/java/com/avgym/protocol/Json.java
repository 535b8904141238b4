package com.avgym.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration both sides use, so the wire format cannot drift. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses JSON text; a syntax error becomes {@link ProtocolException} with INVALID_JSON. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ProtocolException(ErrorCode.INVALID_JSON, "empty document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "not valid JSON");
        }
    }

    /**
     * Parses JSON bytes as they came off the wire; Jackson decodes them, so bytes that are not UTF-8 are a syntax
     * error (INVALID_JSON) like any other.
     */
    public static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new ProtocolException(ErrorCode.INVALID_JSON, "empty document");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "not valid JSON");
        }
    }

    /** Binds a tree to a payload record; a wrong shape becomes INVALID_MESSAGE naming the field. */
    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            T value = MAPPER.treeToValue(node == null ? MAPPER.createObjectNode() : node, type);
            if (value == null) {
                // JSON null binds to no object at all; the caller would fail on it later as an internal error.
                throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "payload must be a JSON object");
            }
            if (value instanceof Validatable v) {
                v.validate();
            }
            return value;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            if (e instanceof ProtocolException pe) {
                throw pe;
            }
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, describe(e, type));
        }
    }

    private static String describe(Exception e, Class<?> type) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jme && !jme.getPath().isEmpty()) {
            String field = jme.getPath().getLast().getFieldName();
            if (field != null) {
                return "field '" + field + "' has the wrong type";
            }
        }
        return "payload does not match " + type.getSimpleName();
    }

    private Json() {
    }
}
