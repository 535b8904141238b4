package com.avgym.server.http;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Json;
import com.avgym.protocol.ProtocolException;
import com.avgym.protocol.message.ErrorPayload;
import com.avgym.server.auth.AuthException;
import com.avgym.server.auth.AuthService;
import com.avgym.server.auth.Principal;
import com.avgym.server.auth.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin REST layer over Jetty's core Handler: routes by method and path pattern ({@code {name}}
 * segments), checks the bearer token and role, and turns every failure into {@code {code,message,retryable}}.
 */
public final class Router extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** Who may call a route. */
    public enum Access { PUBLIC, READ, WRITE, ADMIN }

    @FunctionalInterface
    public interface Route {
        Reply handle(Exchange exchange) throws Exception;
    }

    private record Entry(String method, String[] segments, Access access, Route route) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final AuthService auth;
    private final Consumer<String> onAuthFailure;

    public Router(AuthService auth, Consumer<String> onAuthFailure) {
        this.auth = auth;
        this.onAuthFailure = onAuthFailure;
    }

    public Router add(String method, String path, Access access, Route route) {
        entries.add(new Entry(method, split(path), access, route));
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String[] path = split(Request.getPathInContext(request));
        Reply reply;
        try {
            reply = dispatch(request, path);
        } catch (HttpError e) {
            reply = Reply.status(e.status(), ErrorPayload.of(e.code(), e.getMessage()));
        } catch (ProtocolException e) {
            reply = Reply.status(400, ErrorPayload.of(e.code(), e.getMessage()));
        } catch (AuthException e) {
            onAuthFailure.accept(e.code().name());
            int status = e.code() == ErrorCode.RATE_LIMITED ? 429 : e.code().httpStatus();
            reply = new Reply(status, ErrorPayload.of(e.code(), e.getMessage()), "application/json",
                    e.retryAfterSeconds() > 0 ? e.retryAfterSeconds() : null);
        } catch (Exception e) {
            log.error("{} {} failed", request.getMethod(), Request.getPathInContext(request), e);
            reply = Reply.status(500, ErrorPayload.of(ErrorCode.INTERNAL, "internal error; try again"));
        }
        write(response, reply, callback);
        return true;
    }

    private Reply dispatch(Request request, String[] path) throws Exception {
        boolean pathMatched = false;
        for (Entry e : entries) {
            Map<String, String> params = match(e.segments(), path);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (!e.method().equals(request.getMethod())) {
                continue;
            }
            Exchange exchange = new Exchange(request, params);
            if (e.access() != Access.PUBLIC) {
                exchange.principal(authorize(request, e.access()));
            }
            return e.route().handle(exchange);
        }
        if (pathMatched) {
            throw new HttpError(405, ErrorCode.INVALID_MESSAGE, "method not allowed");
        }
        throw new HttpError(404, ErrorCode.NOT_FOUND, "no such endpoint");
    }

    private Principal authorize(Request request, Access access) {
        String token = bearer(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (token == null) {
            throw new AuthException(ErrorCode.TOKEN_MISSING, "Authorization: Bearer <access token> required");
        }
        Principal p = auth.authenticate(token);
        Role role = p.role();
        boolean allowed = switch (access) {
            case PUBLIC -> true;
            case READ -> role.mayUseDesk();
            case WRITE -> role.mayWrite();
            case ADMIN -> role == Role.ADMIN;
        };
        if (!allowed) {
            throw new AuthException(ErrorCode.FORBIDDEN, "your role may not do this");
        }
        return p;
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    public static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static void write(Response response, Reply reply, Callback callback) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (reply.retryAfterSeconds() != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(reply.retryAfterSeconds()));
        }
        reply.headers().forEach(response.getHeaders()::put);
        if (reply.body() == null || reply.body() instanceof byte[]) {
            byte[] bytes = reply.body() == null ? new byte[0] : (byte[]) reply.body();
            response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
            return;
        }
        String body = reply.body() instanceof String s ? s : Json.write(reply.body());
        Content.Sink.write(response, true, body, callback);
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{")) {
                params.put(pattern[i].substring(1, pattern[i].length() - 1), path[i]);
            } else if (!pattern[i].equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    /** "/api/members/" and "/api/members" are the same route. */
    private static String[] split(String path) {
        String p = path == null ? "" : path;
        return java.util.Arrays.stream(p.split("/")).filter(s -> !s.isEmpty())
                .map(s -> java.net.URLDecoder.decode(s, StandardCharsets.UTF_8)).toArray(String[]::new);
    }
}
