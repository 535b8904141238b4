package com.avgym.server.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a request may cost the server: the largest body, how long a request may take from its first byte until its
 * body is in, how long a silent connection is kept, and which browser origins may open the socket.
 *
 * @param maxBodyBytes   a larger body is refused with 413 {@code REQUEST_TOO_LARGE}
 * @param requestDeadline a body not complete this long after the request began is refused with 408
 *                        {@code REQUEST_TIMEOUT} and the connection closed; no server thread waits for it meanwhile
 * @param idleTimeout    a connection with no bytes in or out for this long is closed (the connector's idle timeout)
 * @param allowedOrigins browser origins ({@code scheme://host[:port]}) allowed to open the WebSocket; a request
 *                       without {@code Origin} (the desk) is always allowed
 */
public record HttpPolicy(int maxBodyBytes, Duration requestDeadline, Duration idleTimeout, List<String> allowedOrigins) {
    public static final int DEFAULT_MAX_BODY = 64 * 1024;

    public HttpPolicy {
        if (maxBodyBytes <= 0 || requestDeadline.isNegative() || requestDeadline.isZero() || idleTimeout.isNegative()
                || idleTimeout.isZero()) {
            throw new IllegalArgumentException("body limit and timeouts must be positive");
        }
        allowedOrigins = allowedOrigins.stream().map(HttpPolicy::normalize).toList();
    }

    public static HttpPolicy defaults() {
        return new HttpPolicy(DEFAULT_MAX_BODY, Duration.ofSeconds(10), Duration.ofSeconds(30), List.of());
    }

    public HttpPolicy withRequestDeadline(Duration deadline) {
        return new HttpPolicy(maxBodyBytes, deadline, idleTimeout, allowedOrigins);
    }

    public HttpPolicy withAllowedOrigins(List<String> origins) {
        return new HttpPolicy(maxBodyBytes, requestDeadline, idleTimeout, origins);
    }

    /** True for no {@code Origin} header (not a browser) or an origin on the list. */
    public boolean originAllowed(String origin) {
        return origin == null || allowedOrigins.contains(normalize(origin));
    }

    /** Origins compare case-insensitively and without a trailing slash, as browsers send them. */
    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
