package com.avgym.server.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens connections outside the pool, for what must stay on one session: a LISTEN, a session-level advisory
 * lock. Each carries an application_name so an operator (or a fault test) can find it in pg_stat_activity.
 */
public final class DedicatedConnections {
    private final String jdbcUrl;
    private final String nodeId;

    public DedicatedConnections(String jdbcUrl, String nodeId) {
        this.jdbcUrl = jdbcUrl;
        this.nodeId = nodeId;
    }

    Connection open(String purpose) throws SQLException {
        Properties props = new Properties();
        props.setProperty("ApplicationName", purpose + " " + nodeId);
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        c.setAutoCommit(true);
        return c;
    }

    /**
     * A name unique to this database AND schema: NOTIFY channels and advisory locks are per database, and tests
     * (or two gyms) may keep several schemas in one.
     */
    static String scopedName(Connection c, String base) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            String schema = rs.getString(1);
            if (schema == null || schema.equals("public")) {
                return base;
            }
            return base + "_" + schema.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        }
    }
}
