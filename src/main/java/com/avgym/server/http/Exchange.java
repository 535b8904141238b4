package com.avgym.server.http;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Json;
import com.avgym.protocol.ProtocolException;
import com.avgym.server.auth.Principal;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * One REST call as a route sees it: path parameters, query, JSON body and the caller. The body was read in full by
 * {@link Router} before the route runs, so nothing here waits on the client.
 */
public final class Exchange {
    /** Dates outside these years are typing errors or probes; the queries would overflow on them. */
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;
    private static final byte[] NO_BODY = new byte[0];

    private final Request request;
    private final Map<String, String> pathParams;
    private final Fields query;
    private final byte[] body;
    private Principal principal;

    Exchange(Request request, Map<String, String> pathParams, byte[] body) {
        this.request = request;
        this.pathParams = pathParams;
        this.query = queryOf(request);
        this.body = body == null ? NO_BODY : body;
    }

    private static Fields queryOf(Request request) {
        try {
            return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            // A bad %-escape or non-UTF-8 bytes in the query string: the request's fault, not the server's.
            throw new HttpError(400, ErrorCode.INVALID_REQUEST, "the query string is not valid percent-encoded UTF-8");
        }
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    public String query(String name) {
        String v = query.getValue(name);
        if (v != null && v.indexOf('\u0000') >= 0) {
            // PostgreSQL cannot take NUL in text: refuse it here rather than fail in the database.
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "query parameter '" + name + "' must not contain NUL");
        }
        return v == null || v.isBlank() ? null : v;
    }

    public int queryInt(String name, int defaultValue, int min, int max) {
        String v = query(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE,
                    "query parameter '" + name + "' must be a whole number from " + min + " to " + max);
        }
    }

    public long queryLong(String name, long defaultValue) {
        String v = query(name);
        try {
            return v == null ? defaultValue : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "query parameter '" + name + "' must be a number");
        }
    }

    /** A date YYYY-MM-DD in the years 2000-2100, or null when absent; anything else is INVALID_MESSAGE. */
    public LocalDate queryDate(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(v.trim());
            if (date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR) {
                return date;
            }
        } catch (DateTimeParseException notADate) {
            // the same answer as a date out of range
        }
        throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "query parameter '" + name
                + "' must be a date YYYY-MM-DD from " + MIN_YEAR + "-01-01 to " + MAX_YEAR + "-12-31");
    }

    /**
     * The JSON body bound to {@code type}; an empty body counts as {@code {}}. Bytes that are not JSON (or not
     * UTF-8) are INVALID_JSON; JSON that is not an object, or not of the type's shape, is INVALID_MESSAGE.
     */
    public <T> T body(Class<T> type) {
        JsonNode node = blank(body) ? Json.MAPPER.createObjectNode() : Json.parse(body);
        if (!node.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "the body must be a JSON object");
        }
        return Json.convert(node, type);
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** The raw body as it arrived (the router has already held it to the route's limit). */
    public byte[] bytes() {
        return body;
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The peer's IP address as the socket sees it (a reverse proxy in front shows up as its own address). */
    public String clientAddress() {
        return Request.getRemoteAddr(request);
    }

    public Principal principal() {
        return principal;
    }

    void principal(Principal p) {
        this.principal = p;
    }
}
