package com.avgym.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and the two ways to use it: {@link #read} and {@link #write}. SQLite by default,
 * PostgreSQL for a shared setup; the schema is the same (db/migration, applied by Flyway at start).
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource pool;
    private final boolean sqlite;

    private Database(HikariDataSource pool, boolean sqlite) {
        this.pool = pool;
        this.sqlite = sqlite;
    }

    /** Opens {@code jdbcUrl} (null: an SQLite file {@code avgym.db} in dataDir) and migrates it. */
    public static Database open(String jdbcUrl, Path dataDir) {
        String url = jdbcUrl != null && !jdbcUrl.isBlank() ? jdbcUrl : "jdbc:sqlite:" + dataDir.resolve("avgym.db");
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("avgym-db");
        config.setAutoCommit(true);
        if (sqlite) {
            // WAL lets readers run beside the single writer; busy_timeout rides out checkpoints.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.setMaximumPoolSize(4);
        } else {
            config.setMaximumPoolSize(10);
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        log.info("database ready ({})", sqlite ? "sqlite" : "postgresql");
        return new Database(pool, sqlite);
    }

    public boolean isSqlite() {
        return sqlite;
    }

    public DataSource dataSource() {
        return pool;
    }

    public <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Runs {@code work} in one transaction: all of it commits or none of it does. */
    public <T> T write(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Sends the pool's meters (hikaricp_connections_*) to {@code tracker}; Hikari allows it once, on a running pool. */
    public void meterPool(MetricsTrackerFactory tracker) {
        pool.setMetricsTrackerFactory(tracker);
    }

    @Override
    public void close() {
        pool.close();
    }
}
