package com.avgym.server.auth;

import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Staff accounts. */
public final class UserStore {
    private final Database db;
    private final Clock clock;

    public UserStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<User> byUsername(String username) {
        return db.read(c -> Sql.one(c, "SELECT * FROM users WHERE username = ?", UserStore::map, username));
    }

    public Optional<User> byId(String id) {
        return db.read(c -> Sql.one(c, "SELECT * FROM users WHERE id = ?", UserStore::map, id));
    }

    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM users"));
    }

    public User add(String username, String passwordHash, Role role, String fullName) {
        String id = UUID.randomUUID().toString();
        db.write(c -> Sql.update(c,
                "INSERT INTO users (id, username, password_hash, role, full_name, active, created_at) VALUES (?,?,?,?,?,?,?)",
                id, username, passwordHash, role.wireName(), fullName, true, clock.millis()));
        return new User(id, username, passwordHash, role, fullName, true);
    }

    /** Changes active flag and role; returns false for an unknown username. */
    public boolean update(String username, boolean active, Role role) {
        return db.write(c -> update(c, username, active, role));
    }

    /** As {@link #update(String, boolean, Role)}, inside the caller's transaction. */
    boolean update(java.sql.Connection c, String username, boolean active, Role role) throws SQLException {
        return Sql.update(c, "UPDATE users SET active = ?, role = ? WHERE username = ?",
                active, role.wireName(), username) == 1;
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
                Role.parse(rs.getString("role")), rs.getString("full_name"), rs.getBoolean("active"));
    }
}
