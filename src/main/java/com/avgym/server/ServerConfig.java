package com.avgym.server;

import com.avgym.server.auth.PasswordHasher;
import com.avgym.server.http.HttpPolicy;
import com.avgym.server.http.MetricsEndpoint;
import com.avgym.server.tls.TransportSecurity;
import com.avgym.server.ws.SocketLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Everything the server can be told. {@link #defaults(Path)} gives the documented defaults; tests and
 * the desk app change single fields with the {@code with...} methods.
 */
public record ServerConfig(String host, int port, Path dataDir, String jdbcUrl, boolean demo, String demoPassword,
                           Duration accessTokenTtl, Duration refreshTokenTtl, ZoneId zone, Duration maxVisit,
                           Clock clock, SocketLimits socketLimits, int passwordIterations,
                           String metricsToken, TransportSecurity transport, HttpPolicy http, Duration drainWindow) {
    /** How long a graceful stop spreads its sockets' closes over (issue 12: no reconnect storm on the others). */
    public static final Duration DEFAULT_DRAIN_WINDOW = Duration.ofSeconds(10);


    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("127.0.0.1", 8080, dataDir, null, false, null, Duration.ofSeconds(300),
                Duration.ofSeconds(43_200), ZoneId.systemDefault(), Duration.ofHours(12), Clock.systemUTC(),
                SocketLimits.defaults(Duration.ofSeconds(10)), PasswordHasher.DEFAULT_ITERATIONS, null,
                TransportSecurity.plainHttp(), HttpPolicy.defaults(), DEFAULT_DRAIN_WINDOW);
    }

    public ServerConfig withAddress(String host, int port) {
        return with(b -> {
            b.host = host;
            b.port = port;
        });
    }

    public ServerConfig withDatabase(String jdbcUrl) {
        return with(b -> b.jdbcUrl = jdbcUrl);
    }

    /** Seed demo data into an empty database; {@code password} null means generate one. */
    public ServerConfig withDemo(boolean demo, String password) {
        return with(b -> {
            b.demo = demo;
            b.demoPassword = password;
        });
    }

    public ServerConfig withTokenTtls(Duration access, Duration refresh) {
        return with(b -> {
            b.accessTokenTtl = access;
            b.refreshTokenTtl = refresh;
        });
    }

    public ServerConfig withClock(Clock clock, ZoneId zone) {
        return with(b -> {
            b.clock = clock;
            b.zone = zone;
        });
    }

    public ServerConfig withMaxVisit(Duration maxVisit) {
        return with(b -> b.maxVisit = maxVisit);
    }

    public ServerConfig withSocketLimits(SocketLimits limits) {
        return with(b -> b.socketLimits = limits);
    }

    public ServerConfig withHeartbeat(Duration interval) {
        SocketLimits l = socketLimits;
        return withSocketLimits(new SocketLimits(interval, l.maxFrameBytes(), l.maxQueuedFrames(), l.framesPerSecond(),
                l.burst(), l.rateStrikesBeforeClose(), l.violationsBeforeClose(), l.maxConnectionsPerUser(), l.maxConnections()));
    }

    /** Fewer KDF iterations make test sign-ins fast; production keeps the default. */
    public ServerConfig withPasswordIterations(int iterations) {
        return with(b -> b.passwordIterations = iterations);
    }

    /**
     * A bearer token that may read GET /metrics when the host is not loopback (besides an admin's access token);
     * null: none. A scraper cannot sign in and refresh, so it gets a long-lived secret of its own.
     */
    public ServerConfig withMetricsToken(String token) {
        if (token != null && token.length() < MetricsEndpoint.MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the metrics token must have at least " + MetricsEndpoint.MIN_TOKEN_LENGTH
                    + " characters");
        }
        return with(b -> b.metricsToken = token);
    }

    /** TLS or plain HTTP (plain is refused off loopback unless allowed): see {@link TransportSecurity}. */
    public ServerConfig withTransport(TransportSecurity transport) {
        return with(b -> b.transport = transport);
    }

    /** Body limit, request deadline, idle timeout and the browser origins allowed to open the socket. */
    public ServerConfig withHttpPolicy(HttpPolicy policy) {
        return with(b -> b.http = policy);
    }

    /** Sockets per user and in total (upgrades over them get 429, sockets over the total 1013). */
    public ServerConfig withSocketLimits(int maxSockets, int maxSocketsPerUser) {
        if (maxSockets < 1 || maxSocketsPerUser < 1) {
            throw new IllegalArgumentException("socket limits must be at least 1");
        }
        return withSocketLimits(socketLimits.withConnectionLimits(maxSocketsPerUser, maxSockets));
    }

    /** The window a graceful stop spreads its sockets' closes over; zero closes them all at once. */
    public ServerConfig withDrainWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the drain window cannot be negative");
        }
        return with(b -> b.drainWindow = window);
    }

    /** A copy with some fields changed: records have no withers, so one mutable copy serves them all. */
    private ServerConfig with(java.util.function.Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return new ServerConfig(b.host, b.port, b.dataDir, b.jdbcUrl, b.demo, b.demoPassword, b.accessTokenTtl,
                b.refreshTokenTtl, b.zone, b.maxVisit, b.clock, b.socketLimits, b.passwordIterations, b.metricsToken,
                b.transport, b.http, b.drainWindow);
    }

    private static final class Copy {
        String host;
        int port;
        Path dataDir;
        String jdbcUrl;
        boolean demo;
        String demoPassword;
        Duration accessTokenTtl;
        Duration refreshTokenTtl;
        ZoneId zone;
        Duration maxVisit;
        Clock clock;
        SocketLimits socketLimits;
        int passwordIterations;
        String metricsToken;
        TransportSecurity transport;
        HttpPolicy http;
        Duration drainWindow;

        Copy(ServerConfig c) {
            host = c.host;
            port = c.port;
            dataDir = c.dataDir;
            jdbcUrl = c.jdbcUrl;
            demo = c.demo;
            demoPassword = c.demoPassword;
            accessTokenTtl = c.accessTokenTtl;
            refreshTokenTtl = c.refreshTokenTtl;
            zone = c.zone;
            maxVisit = c.maxVisit;
            clock = c.clock;
            socketLimits = c.socketLimits;
            passwordIterations = c.passwordIterations;
            metricsToken = c.metricsToken;
            transport = c.transport;
            http = c.http;
            drainWindow = c.drainWindow;
        }
    }
}
