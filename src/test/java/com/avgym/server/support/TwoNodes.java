package com.avgym.server.support;

import static org.awaitility.Awaitility.await;

import com.avgym.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Two server instances in this JVM on one PostgreSQL schema (each with its own pool, LISTEN and lock
 * connections), as two nodes of a chain. Both use one data dir, so they share the signing key and schema.
 */
public final class TwoNodes implements AutoCloseable {
    public final TestServer a;
    public final TestServer b;

    private TwoNodes(TestServer a, TestServer b) {
        this.a = a;
        this.b = b;
    }

    public static TwoNodes start() {
        return start(UnaryOperator.identity());
    }

    public static TwoNodes start(UnaryOperator<ServerConfig> customize) {
        try {
            Path dir = Files.createTempDirectory("avgym-nodes");
            TestServer a = TestServer.start(dir, customize);
            TestServer b = TestServer.start(dir, customize);
            TwoNodes nodes = new TwoNodes(a, b);
            await().atMost(Duration.ofSeconds(10)).until(() -> a.server().control().listening()
                    && b.server().control().listening());
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection to the nodes' database and schema, for the test's own looks and faults. */
    public Connection sql() throws SQLException {
        return DriverManager.getConnection(a.server().database().jdbcUrl());
    }

    /** Kills (pg_terminate_backend) the dedicated connections of {@code node} whose purpose starts with {@code purpose}. */
    public int terminate(TestServer node, String purpose) throws SQLException {
        try (Connection c = sql(); var ps = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND application_name = ?")) {
            ps.setString(1, purpose + " " + node.server().nodeId());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public void close() {
        b.close();
        a.close();
    }
}
