package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.avgym.cli.UsersCli;
import com.avgym.server.auth.PasswordHasher;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import com.avgym.server.support.TestServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V6 lets users.role be 'kiosk'. On SQLite that rebuilds the users table, so this starts from a real V5 database
 * holding a user with a session and a refresh token, migrates it by starting the server, and checks that the
 * rows, the sign-in and the foreign keys survived. Runs on SQLite and, with -Ppostgres, on PostgreSQL.
 */
class KioskRoleMigrationTest {
    private static final String PASSWORD = "olga-password-1";

    @Test
    void aV5DatabaseWithUsersAndSessionsMigratesAndThenTakesKioskAccounts(@TempDir Path dir) throws Exception {
        String url = TestServer.databaseFor(dir);
        String jdbc = url != null ? url : "jdbc:sqlite:" + dir.resolve("avgym.db");
        try (HikariDataSource v5 = dataSource(jdbc)) {
            Database.migrations(v5).target("5").load().migrate();
            try (Connection c = v5.getConnection()) {
                Sql.update(c, "INSERT INTO users (id, username, password_hash, role, full_name, active, created_at) "
                        + "VALUES ('u1', 'olga', ?, 'staff', 'Olga', TRUE, 1)", new PasswordHasher(1_000).hash(PASSWORD.toCharArray()));
                Sql.update(c, "INSERT INTO sessions (id, user_id, created_at) VALUES ('s1', 'u1', 2)");
                Sql.update(c, "INSERT INTO refresh_tokens (jti, session_id, issued_at, expires_at) VALUES ('j1', 's1', 2, 3)");
                assertThatThrownBy(() -> insertUser(c, "early", "kiosk")).as("V5 refuses the role").isInstanceOf(SQLException.class);
            }
        }

        try (TestServer server = TestServer.start(dir, UnaryOperator.identity())) {
            assertThat(server.rest().login("olga", PASSWORD).user().role()).isEqualTo("staff");
            server.server().database().read(c -> {
                assertThat(Sql.count(c, "SELECT COUNT(*) FROM users")).as("no demo users were added").isEqualTo(1);
                assertThat(Sql.count(c, "SELECT COUNT(*) FROM sessions WHERE id = 's1' AND user_id = 'u1'")).isEqualTo(1);
                assertThat(Sql.count(c, "SELECT COUNT(*) FROM refresh_tokens WHERE jti = 'j1'")).isEqualTo(1);
                assertThatThrownBy(() -> insertUser(c, "bad", "janitor")).as("the CHECK still holds").isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> Sql.update(c, "INSERT INTO sessions (id, user_id, created_at) VALUES ('s2', 'nobody', 2)"))
                        .as("sessions still reference users").isInstanceOf(SQLException.class);
                if (server.server().database().isSqlite()) {
                    List<String> parents = Sql.list(c, "PRAGMA foreign_key_list(sessions)", rs -> rs.getString("table"));
                    assertThat(parents).containsExactly("users");
                    assertThat(Sql.list(c, "PRAGMA foreign_key_check", rs -> rs.getString(1))).isEmpty();
                }
                return null;
            });
        }

        assertThat(UsersCli.add(dir, url, "kiosk", "KIOSK-1", "kiosk-password-1")).as("users add --role kiosk").isZero();
        try (TestServer server = TestServer.start(dir, UnaryOperator.identity())) {
            assertThat(server.rest().login("KIOSK-1", "kiosk-password-1").user().role()).isEqualTo("kiosk");
        }
    }

    private static void insertUser(Connection c, String name, String role) throws SQLException {
        Sql.update(c, "INSERT INTO users (id, username, password_hash, role, full_name, active, created_at) "
                + "VALUES (?, ?, 'x', ?, ?, TRUE, 1)", name, name, role, name);
    }

    private static HikariDataSource dataSource(String jdbc) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbc);
        config.setMaximumPoolSize(3);
        if (jdbc.startsWith("jdbc:sqlite:")) {
            config.addDataSourceProperty("foreign_keys", "true");
        }
        return new HikariDataSource(config);
    }
}
