package com.avgym.server.db;

import com.avgym.server.storage.PrivateFiles;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import com.avgym.server.db.migration.V6__kiosk_role;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
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
    private final String url;

    private Database(HikariDataSource pool, boolean sqlite, String url) {
        this.pool = pool;
        this.sqlite = sqlite;
        this.url = url;
    }

    /** Opens {@code jdbcUrl} (null: an SQLite file {@code avgym.db} in dataDir) and migrates it. */
    public static Database open(String jdbcUrl, Path dataDir) {
        String url = jdbcUrl != null && !jdbcUrl.isBlank() ? jdbcUrl : "jdbc:sqlite:" + dataDir.resolve("avgym.db");
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        Path file = sqlite ? sqliteFile(url) : null;
        if (file != null) {
            // SQLite gives the -wal and -shm files the mode of the database file: create that one 0600 first.
            PrivateFiles.createOwnerOnlyFile(file);
            restrictSidecars(file);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("avgym-db");
        config.setAutoCommit(true);
        if (sqlite) {
            // WAL lets readers run beside the single writer; busy_timeout rides out checkpoints.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("foreign_keys", "true");
            if (!url.contains("synchronous=")) {
                // FULL: a check-in the desk was told about survives a power cut, not only a crash of this
                // process (NORMAL in WAL mode may lose the last commits). The cost is in SqliteSyncBenchmark;
                // the benchmark passes ?synchronous=NORMAL in the URL to compare.
                config.addDataSourceProperty("synchronous", "FULL");
            }
            config.setMaximumPoolSize(4);
        } else {
            config.setMaximumPoolSize(10);
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            migrations(pool).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        if (file != null) {
            restrictSidecars(file);
        }
        log.info("database ready ({})", sqlite ? "sqlite" : "postgresql");
        return new Database(pool, sqlite, url);
    }

    /** Every migration: the SQL ones in db/migration and the Java ones (changes SQL cannot make on SQLite). */
    public static FluentConfiguration migrations(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new V6__kiosk_role());
    }

    /** The file of a {@code jdbc:sqlite:} URL, or null for an in-memory database. */
    static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        return rest.isBlank() || rest.contains(":memory:") || rest.contains("mode=memory") ? null : Path.of(rest);
    }

    private static void restrictSidecars(Path file) {
        PrivateFiles.restrictToOwner(file);
        PrivateFiles.restrictToOwner(file.resolveSibling(file.getFileName() + "-wal"));
        PrivateFiles.restrictToOwner(file.resolveSibling(file.getFileName() + "-shm"));
        PrivateFiles.restrictToOwner(file.resolveSibling(file.getFileName() + "-journal"));
    }

    public boolean isSqlite() {
        return sqlite;
    }

    /** The JDBC URL the pool connects with (for connections that must stay outside it: LISTEN, session locks). */
    public String jdbcUrl() {
        return pool.getJdbcUrl();
    }

    /**
     * A connection of its own, outside the pool, for one long-lived use (the LISTEN connection of the event
     * fan-out): a pooled one would be taken from the writers for good, and Hikari would close it as leaked.
     */
    public Connection openDedicated() throws SQLException {
        return java.sql.DriverManager.getConnection(url);
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

    /**
     * Runs {@code work} reading one consistent snapshot: every statement sees the same committed state (a read
     * transaction; REPEATABLE READ on PostgreSQL, where READ COMMITTED would give each statement its own).
     */
    public <T> T snapshot(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            if (!sqlite) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
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
                if (!sqlite) {
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
            }
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
