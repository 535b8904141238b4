package com.avgym.server;

import com.avgym.server.auth.PasswordHasher;
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
                           Clock clock, SocketLimits socketLimits, int passwordIterations) {

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("127.0.0.1", 8080, dataDir, null, false, null, Duration.ofSeconds(300),
                Duration.ofSeconds(43_200), ZoneId.systemDefault(), Duration.ofHours(12), Clock.systemUTC(),
                SocketLimits.defaults(Duration.ofSeconds(10)), PasswordHasher.DEFAULT_ITERATIONS);
    }

    public ServerConfig withAddress(String host, int port) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, demo, demoPassword, accessTokenTtl, refreshTokenTtl, zone,
                maxVisit, clock, socketLimits, passwordIterations);
    }

    public ServerConfig withDatabase(String jdbcUrl) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, demo, demoPassword, accessTokenTtl, refreshTokenTtl, zone,
                maxVisit, clock, socketLimits, passwordIterations);
    }

    /** Seed demo data into an empty database; {@code password} null means generate one. */
    public ServerConfig withDemo(boolean demo, String password) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, demo, password, accessTokenTtl, refreshTokenTtl, zone,
                maxVisit, clock, socketLimits, passwordIterations);
    }

    public ServerConfig withTokenTtls(Duration access, Duration refresh) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, demo, demoPassword, access, refresh, zone, maxVisit, clock,
                socketLimits, passwordIterations);
    }

    public ServerConfig withClock(Clock clock, ZoneId zone) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, demo, demoPassword, accessTokenTtl, refreshTokenTtl, zone,
                maxVisit, clock, socketLimits, passwordIterations);
    }

    public ServerConfig withMaxVisit(Duration maxVisit) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, demo, demoPassword, accessTokenTtl, refreshTokenTtl, zone,
                maxVisit, clock, socketLimits, passwordIterations);
    }

    public ServerConfig withSocketLimits(SocketLimits limits) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, demo, demoPassword, accessTokenTtl, refreshTokenTtl, zone,
                maxVisit, clock, limits, passwordIterations);
    }

    public ServerConfig withHeartbeat(Duration interval) {
        SocketLimits l = socketLimits;
        return withSocketLimits(new SocketLimits(interval, l.maxFrameBytes(), l.maxQueuedFrames(), l.framesPerSecond(),
                l.burst(), l.rateStrikesBeforeClose(), l.violationsBeforeClose(), l.maxConnectionsPerUser(), l.maxConnections()));
    }

    /** Fewer KDF iterations make test sign-ins fast; production keeps the default. */
    public ServerConfig withPasswordIterations(int iterations) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, demo, demoPassword, accessTokenTtl, refreshTokenTtl, zone,
                maxVisit, clock, socketLimits, iterations);
    }
}
