package com.avgym.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * The one place that decides the headers every response carries: no content sniffing, no referrer, no framing,
 * and (switched on by the TLS set-up, only when the server speaks HTTPS) Strict-Transport-Security. As a Jetty
 * customizer it stamps every request's response before any handler runs; {@link JsonErrorHandler} stamps the
 * answers Jetty gives before a request reaches a handler (a malformed request line, headers too large).
 */
public final class SecurityHeaders implements HttpConfiguration.Customizer {
    static final String HSTS_VALUE = "max-age=31536000";

    private final boolean hsts;

    /** @param hsts send Strict-Transport-Security; true only when every connector is TLS */
    public SecurityHeaders(boolean hsts) {
        this.hsts = hsts;
    }

    /**
     * The HTTP configuration for the server's connectors: these headers on every response and no
     * {@code Server: Jetty(x.y)} banner telling a scanner which version to attack.
     */
    public HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.addCustomizer(this);
        return http;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        apply(responseHeaders);
        return request;
    }

    public void apply(HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        if (hsts) {
            headers.put("Strict-Transport-Security", HSTS_VALUE);
        }
    }
}
