package com.avgym.server.db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Lets users.role be 'kiosk'. PostgreSQL swaps the CHECK constraint. SQLite cannot alter a CHECK, so the table
 * is rebuilt by SQLite's own recipe (sqlite.org/lang_altertable.html, "making other kinds of table schema
 * changes"): foreign keys off outside the transaction, new table, copy, drop, rename, then foreign_key_check
 * before the commit, so sessions keep pointing at their users. Java, not SQL, because that PRAGMA is a no-op
 * inside a transaction and Flyway runs SQL migrations in one.
 */
public final class V6__kiosk_role extends BaseJavaMigration {
    static final String ROLES = "'admin', 'staff', 'trainer', 'member', 'kiosk'";

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean sqlite = c.getMetaData().getURL().startsWith("jdbc:sqlite:");
        try (Statement st = c.createStatement()) {
            if (sqlite) {
                st.execute("PRAGMA foreign_keys = OFF");
                try {
                    inTransaction(c, () -> rebuildSqliteUsers(st));
                } finally {
                    st.execute("PRAGMA foreign_keys = ON");
                }
            } else {
                inTransaction(c, () -> {
                    st.execute("ALTER TABLE users DROP CONSTRAINT users_role_check");
                    st.execute("ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (" + ROLES + "))");
                });
            }
        }
    }

    private static void rebuildSqliteUsers(Statement st) throws SQLException {
        st.execute("""
                CREATE TABLE users_v6 (
                    id            TEXT PRIMARY KEY,
                    username      TEXT NOT NULL UNIQUE,
                    password_hash TEXT NOT NULL,
                    role          TEXT NOT NULL CHECK (role IN (%s)),
                    full_name     TEXT NOT NULL,
                    active        BOOLEAN NOT NULL DEFAULT TRUE,
                    created_at    BIGINT NOT NULL
                )""".formatted(ROLES));
        String columns = "id, username, password_hash, role, full_name, active, created_at";
        st.execute("INSERT INTO users_v6 (" + columns + ") SELECT " + columns + " FROM users");
        st.execute("DROP TABLE users");
        st.execute("ALTER TABLE users_v6 RENAME TO users");
        try (ResultSet broken = st.executeQuery("PRAGMA foreign_key_check")) {
            if (broken.next()) {
                throw new SQLException("rebuilding users broke a foreign key in table " + broken.getString(1));
            }
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection c, Step step) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            step.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
