package com.avgym.server.support;

import com.avgym.protocol.message.TokenPair;
import com.avgym.server.AvGymServer;
import com.avgym.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A real server on a random loopback port with demo data, over SQLite in a temp dir, or over PostgreSQL
 * in a fresh schema when the system property {@code avgym.test.db} holds a JDBC URL (the postgres profile).
 */
public final class TestServer implements AutoCloseable {
    public static final String PASSWORD = "test-password-1";

    private final AvGymServer server;
    private final Rest rest;
    private final Path dataDir;

    private TestServer(AvGymServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
        this.rest = new Rest(server.baseUrl());
    }

    public static TestServer start() {
        return start(UnaryOperator.identity());
    }

    public static TestServer start(UnaryOperator<ServerConfig> customize) {
        try {
            Path dir = Files.createTempDirectory("avgym-test");
            return start(dir, customize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts on an existing data dir (and database), e.g. to restart a stopped server. */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> customize) {
        ServerConfig config = ServerConfig.defaults(dataDir)
                .withAddress("127.0.0.1", 0)
                .withDatabase(databaseFor(dataDir))
                .withDemo(true, PASSWORD)
                .withPasswordIterations(1_000);
        try {
            return new TestServer(AvGymServer.start(customize.apply(config)), dataDir);
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
    }

    /** The JDBC URL for this data dir: null (SQLite file inside it) or a PostgreSQL schema named after it. */
    public static String databaseFor(Path dataDir) {
        String pg = System.getProperty("avgym.test.db", "");
        if (pg.isBlank()) {
            return null;
        }
        Path marker = dataDir.resolve("pg-schema");
        try {
            String schema;
            if (Files.exists(marker)) {
                schema = Files.readString(marker).trim();
            } else {
                schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                try (Connection c = DriverManager.getConnection(pg)) {
                    c.createStatement().execute("CREATE SCHEMA " + schema);
                }
                Files.writeString(marker, schema);
            }
            return pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot prepare a PostgreSQL schema", e);
        }
    }

    public static boolean onPostgres() {
        return !System.getProperty("avgym.test.db", "").isBlank();
    }

    public AvGymServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Rest rest() {
        return rest;
    }

    public String wsUrl() {
        return server.wsUrl();
    }

    public TokenPair login(String username) {
        return rest.login(username, PASSWORD);
    }

    /** Signs in as the demo staff user and opens a socket that has received hello and initial_stats. */
    public WsClient desk() {
        return WsClient.open(wsUrl(), login("desk").access());
    }

    @Override
    public void close() {
        server.close();
    }
}
