package com.avgym.server.ws;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Json;
import com.avgym.protocol.message.ErrorPayload;
import com.avgym.server.ServerMetrics;
import com.avgym.server.auth.AuthException;
import com.avgym.server.auth.AuthService;
import com.avgym.server.auth.Principal;
import com.avgym.server.http.HttpPolicy;
import com.avgym.server.http.Router;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Decides every upgrade before it happens, so a refused desk gets an HTTP status and a code it can act
 * on (401 TOKEN_*, 403, 429, 503) instead of a socket that opens and drops. The token comes only from
 * the Authorization header, never from the URL; a browser's Origin must be on the allow-list.
 */
public final class UpgradeGate implements WebSocketCreator {
    /** Retry-After of a refused upgrade while the server drains, and when the user has too many sockets. */
    public static final long DRAINING_RETRY_AFTER_SECONDS = com.avgym.server.http.JsonErrorHandler.DRAINING_RETRY_AFTER_SECONDS;
    public static final long TOO_MANY_SOCKETS_RETRY_AFTER_SECONDS = 10;

    private final AuthService auth;
    private final ConnectionRegistry registry;
    private final HttpPolicy policy;

    public UpgradeGate(AuthService auth, ConnectionRegistry registry, HttpPolicy policy) {
        this.auth = auth;
        this.registry = registry;
        this.policy = policy;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        // A web page the desk PC visits could otherwise open a socket with a token it got hold of; the desk sends no
        // Origin, browsers always do.
        if (!policy.originAllowed(request.getHeaders().get(HttpHeader.ORIGIN))) {
            return refuse(response, callback, 403, ErrorCode.ORIGIN_NOT_ALLOWED, "this origin may not open the socket", 0);
        }
        if (registry.isDraining()) {
            return refuse(response, callback, 503, ErrorCode.SERVER_DRAINING, "server is restarting", DRAINING_RETRY_AFTER_SECONDS);
        }
        String token = Router.bearer(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (token == null) {
            return refuse(response, callback, 401, ErrorCode.TOKEN_MISSING, "Authorization: Bearer <access token> required", 0);
        }
        Principal principal;
        try {
            principal = auth.authenticate(token);
        } catch (AuthException e) {
            int status = e.code() == ErrorCode.USER_INACTIVE ? 403 : 401;
            return refuse(response, callback, status, e.code(), e.getMessage(), 0);
        }
        if (!principal.role().mayUseDesk()) {
            return refuse(response, callback, 403, ErrorCode.FORBIDDEN, "this role may not use the desk", 0);
        }
        // Reserved here, in one step, and last: every refusal above happens before a slot is taken.
        SocketSlots.Slot slot = registry.reserveSlot(principal.userId());
        if (slot == null) {
            return refuse(response, callback, 429, ErrorCode.TOO_MANY_CONNECTIONS, "too many sockets for this user",
                    TOO_MANY_SOCKETS_RETRY_AFTER_SECONDS);
        }
        return new Connection(registry, principal, registry.limits(), slot);
    }

    private Object refuse(ServerUpgradeResponse response, Callback callback, int status, ErrorCode code, String message,
                          long retryAfter) {
        boolean authProblem = status == 401 || status == 403;
        registry.metrics().increment(authProblem ? ServerMetrics.AUTH_FAILURES : ServerMetrics.UPGRADE_REFUSALS, code.name());
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (retryAfter > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfter));
        }
        Content.Sink.write(response, true, Json.write(ErrorPayload.of(code, message)), callback);
        return null;
    }
}
