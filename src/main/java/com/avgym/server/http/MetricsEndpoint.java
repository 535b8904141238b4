package com.avgym.server.http;

import com.avgym.protocol.ErrorCode;
import com.avgym.server.auth.AuthException;
import com.avgym.server.auth.AuthService;
import com.avgym.server.auth.Principal;
import com.avgym.server.auth.Role;
import com.avgym.server.tls.TransportSecurity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * GET /metrics. On a loopback host only this machine can reach it, so it is public. On any other host it
 * shows the server's traffic and users' failures to the network, so it wants {@code Authorization: Bearer}
 * with either an admin's access token or the configured scrape token (a Prometheus scraper cannot sign in
 * and refresh every few minutes, so it gets a long-lived secret of its own).
 */
public final class MetricsEndpoint implements Router.Route {
    /** Shorter secrets can be guessed; the token is compared in constant time, not rate limited. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private final Supplier<String> render;
    private final AuthService auth;
    private final boolean open;
    private final byte[] scrapeToken;

    private MetricsEndpoint(Supplier<String> render, AuthService auth, boolean open, String scrapeToken) {
        this.render = render;
        this.auth = auth;
        this.open = open;
        this.scrapeToken = scrapeToken == null ? null : scrapeToken.getBytes(StandardCharsets.UTF_8);
    }

    /** Public when {@code host} is a loopback address, guarded otherwise; {@code scrapeToken} may be null. */
    public static MetricsEndpoint forHost(String host, String scrapeToken, AuthService auth, Supplier<String> render) {
        if (scrapeToken != null && scrapeToken.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the metrics token must have at least " + MIN_TOKEN_LENGTH + " characters");
        }
        return new MetricsEndpoint(render, auth, TransportSecurity.isLoopback(host), scrapeToken);
    }

    public boolean isPublic() {
        return open;
    }

    @Override
    public Reply handle(Exchange exchange) {
        if (!open) {
            authorize(Router.bearer(exchange.header("Authorization")));
        }
        return Reply.text(render.get());
    }

    private void authorize(String token) {
        if (token == null) {
            throw new AuthException(ErrorCode.TOKEN_MISSING, "Authorization: Bearer <admin access token or metrics token> required");
        }
        if (scrapeToken != null && MessageDigest.isEqual(scrapeToken, token.getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        Principal p = auth.authenticate(token);
        if (p.role() != Role.ADMIN) {
            throw new AuthException(ErrorCode.FORBIDDEN, "only an admin may read the metrics");
        }
    }

}
