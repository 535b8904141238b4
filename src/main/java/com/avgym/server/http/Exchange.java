package com.avgym.server.http;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Json;
import com.avgym.protocol.ProtocolException;
import com.avgym.server.auth.Principal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** One REST call as a route sees it: path parameters, query, JSON body and the caller. */
public final class Exchange {
    private final Request request;
    private final Map<String, String> pathParams;
    private final Fields query;
    private Principal principal;

    Exchange(Request request, Map<String, String> pathParams) {
        this.request = request;
        this.pathParams = pathParams;
        this.query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    public String query(String name) {
        String v = query.getValue(name);
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

    public LocalDate queryDate(String name) {
        String v = query(name);
        try {
            return v == null ? null : LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "query parameter '" + name + "' must be a date YYYY-MM-DD");
        }
    }

    /** The JSON body bound to {@code type}; a bad body is INVALID_JSON or INVALID_MESSAGE (400). */
    public <T> T body(Class<T> type) {
        String text;
        try {
            text = Content.Source.asString(request, StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new HttpError(413, ErrorCode.INVALID_MESSAGE, "request body too large or unreadable");
        }
        return Json.convert(Json.parse(text == null || text.isBlank() ? "{}" : text), type);
    }

    /**
     * The raw body, at most {@code maxBytes}: a larger declared Content-Length or a longer body is {@code tooLarge}
     * (read no further than one byte past the limit).
     */
    public byte[] bytes(int maxBytes, HttpError tooLarge) {
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw tooLarge;
        }
        try (java.io.InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge;
            }
            return body;
        } catch (java.io.IOException e) {
            throw new HttpError(400, ErrorCode.INVALID_MESSAGE, "request body unreadable");
        }
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    public Principal principal() {
        return principal;
    }

    void principal(Principal p) {
        this.principal = p;
    }
}
