package com.avgym.server.http;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Json;
import com.avgym.protocol.ProtocolException;
import com.avgym.protocol.message.ErrorPayload;
import com.avgym.server.auth.AuthException;
import com.avgym.server.auth.AuthService;
import com.avgym.server.auth.Principal;
import com.avgym.server.auth.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin REST layer over Jetty's core Handler: routes by method and path pattern ({@code {name}}
 * segments), checks the bearer token and role, and turns every failure into {@code {code,message,retryable}}.
 */
public final class Router extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /**
     * Who may call a route. The kiosk role is let in only where its access says so ({@code SIGNED_IN},
     * {@code READ_OR_KIOSK}, {@code CHECK_IN}), so a route added later is closed to kiosks unless it opts in.
     */
    public enum Access {
        PUBLIC,
        /** Any account that may use the desk or kiosk app: its own session and account. */
        SIGNED_IN,
        /** The desk's reads: admin, staff, trainer. */
        READ,
        /** READ plus the kiosk: the roster and member photos. */
        READ_OR_KIOSK,
        /** Changes: admin, staff. */
        WRITE,
        /** WRITE plus the kiosk: checking in. */
        CHECK_IN,
        ADMIN
    }

    /** A registered route as a test or a document sees it. */
    public record RouteInfo(String method, String path, Access access) {
    }

    @FunctionalInterface
    public interface Route {
        Reply handle(Exchange exchange) throws Exception;
    }

    /** {@code maxBody}: the largest body this route takes; {@code tooLarge}: the code it answers above that. */
    private record Entry(String method, String[] segments, Access access, int maxBody, ErrorCode tooLarge, Route route) {
        String path() {
            return "/" + String.join("/", segments);
        }
    }

    private record Target(Entry entry, Map<String, String> params, Principal principal) {
    }

    private static final Set<String> HAS_BODY = Set.of("POST", "PUT", "PATCH");

    private final List<Entry> entries = new ArrayList<>();
    private final AuthService auth;
    private final Consumer<String> onAuthFailure;
    private final HttpPolicy policy;

    public Router(AuthService auth, Consumer<String> onAuthFailure, HttpPolicy policy) {
        this.auth = auth;
        this.onAuthFailure = onAuthFailure;
        this.policy = policy;
    }

    public Router add(String method, String path, Access access, Route route) {
        entries.add(new Entry(method, split(path), access, policy.maxBodyBytes(), ErrorCode.REQUEST_TOO_LARGE, route));
        return this;
    }

    /** A route whose body may be larger than the JSON limit (a photo upload), refused above {@code maxBody}. */
    public Router addUpload(String method, String path, Access access, int maxBody, ErrorCode tooLarge, Route route) {
        entries.add(new Entry(method, split(path), access, maxBody, tooLarge, route));
        return this;
    }

    /** Every route registered so far, in registration order. */
    public List<RouteInfo> routes() {
        return entries.stream().map(e -> new RouteInfo(e.method(), e.path(), e.access())).toList();
    }

    /**
     * Finds the route and checks the caller (a stranger's body is never buffered), then reads a body (if the
     * method has one) without holding a thread: the bytes arrive
     * asynchronously, at most {@link HttpPolicy#maxBodyBytes()} of them, and a body still incomplete at the request
     * deadline is answered 408 and its connection closed. Only then does the route run, on a pool thread. The
     * deadline counts from the request's first byte, so headers that trickled in past it are answered 408 too.
     */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long remaining = policy.requestDeadline().toNanos() - NanoTime.since(request.getBeginNanoTime());
        if (remaining <= 0) {
            timedOut(request, response, callback, new TimeoutException("request head past the deadline"));
            return true;
        }
        Target target;
        try {
            target = resolve(request);
        } catch (RuntimeException e) {
            write(response, failure(request, e), callback);
            return true;
        }
        if (!HAS_BODY.contains(request.getMethod())) {
            write(response, run(request, target, null), callback);
            return true;
        }
        Entry entry = target.entry();
        long length = request.getLength();
        if (length > entry.maxBody()) {
            write(response, tooLarge(entry), callback);
            return true;
        }
        Content.Source.asByteArrayAsync(request, entry.maxBody())
                .orTimeout(remaining, TimeUnit.NANOSECONDS)
                .whenComplete((body, failed) -> request.getContext().execute(() -> {
                    if (failed == null) {
                        write(response, run(request, target, body), callback);
                    } else {
                        bodyFailed(request, response, callback, entry, failed);
                    }
                }));
        return true;
    }

    private void bodyFailed(Request request, Response response, Callback callback, Entry entry, Throwable failed) {
        Throwable cause = failed instanceof CompletionException && failed.getCause() != null
                ? failed.getCause() : failed;
        if (cause instanceof TimeoutException timeout) {
            timedOut(request, response, callback, timeout);
        } else if (isTooLarge(cause)) {
            write(response, tooLarge(entry), callback);
        } else {
            // The client went away or sent a broken body (bad chunking); an answer may not even reach it.
            write(response, Reply.status(400, ErrorPayload.of(ErrorCode.INVALID_REQUEST, "the request body could not be read")),
                    callback);
        }
    }

    private void timedOut(Request request, Response response, Callback callback, TimeoutException cause) {
        // Stop waiting for the rest: the failed source and "close" make Jetty drop the connection after this answer.
        request.fail(cause);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        write(response, Reply.status(408, ErrorPayload.of(ErrorCode.REQUEST_TIMEOUT,
                "the request did not arrive within " + policy.requestDeadline().toMillis() + " ms")), callback);
    }

    /** Jetty's accumulator says "Max size (N) exceeded" with an IllegalStateException (12.1); older ones differ. */
    private static boolean isTooLarge(Throwable cause) {
        return cause instanceof IllegalArgumentException
                || cause instanceof IllegalStateException e && e.getMessage() != null && e.getMessage().startsWith("Max size")
                || cause instanceof org.eclipse.jetty.http.HttpException h && h.getCode() == 413;
    }

    private static Reply tooLarge(Entry entry) {
        return Reply.status(413, ErrorPayload.of(entry.tooLarge(),
                "the request body is larger than " + entry.maxBody() + " bytes"));
    }

    private Reply run(Request request, Target target, byte[] body) {
        try {
            Exchange exchange = new Exchange(request, target.params(), body);
            exchange.principal(target.principal());
            return target.entry().route().handle(exchange);
        } catch (Exception e) {
            return failure(request, e);
        }
    }

    private Reply failure(Request request, Exception failure) {
        return switch (failure) {
            case HttpError e -> Reply.status(e.status(), ErrorPayload.of(e.code(), e.getMessage()));
            case ProtocolException e -> Reply.status(400, ErrorPayload.of(e.code(), e.getMessage()));
            case AuthException e -> {
                onAuthFailure.accept(e.code().name());
                int status = e.code() == ErrorCode.RATE_LIMITED ? 429 : e.code().httpStatus();
                yield new Reply(status, ErrorPayload.of(e.code(), e.getMessage()), "application/json",
                        e.retryAfterSeconds() > 0 ? e.retryAfterSeconds() : null);
            }
            default -> {
                log.error("{} {} failed", request.getMethod(), Request.getPathInContext(request), failure);
                yield Reply.status(500, ErrorPayload.of(ErrorCode.INTERNAL, "internal error; try again"));
            }
        };
    }

    private Target resolve(Request request) {
        String[] path = split(Request.getPathInContext(request));
        boolean pathMatched = false;
        for (Entry e : entries) {
            Map<String, String> params = match(e.segments(), path);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (e.method().equals(request.getMethod())) {
                return new Target(e, params, e.access() == Access.PUBLIC ? null : authorize(request, e.access()));
            }
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
            case SIGNED_IN -> role.mayUseDesk();
            case READ -> role.mayRead();
            case READ_OR_KIOSK -> role.mayRead() || role == Role.KIOSK;
            case WRITE -> role.mayWrite();
            case CHECK_IN -> role.mayCheckIn();
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

    /**
     * "/api/members/" and "/api/members" are the same route. Jetty has already decoded the path (and refused bad
     * escapes with 400), so the segments are used as they are: decoding twice would turn a literal "%" into an error.
     */
    private static String[] split(String path) {
        String p = path == null ? "" : path;
        return java.util.Arrays.stream(p.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
