package com.avgym.client;

import com.avgym.protocol.Json;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckOutCommand;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans not yet confirmed by the server, in an SQLite file in the desk's data dir. Every command is
 * written here before it is sent (write-ahead), and removed only when the server answered, so a
 * crash, a kill or a power cut loses nothing. Not thread-safe: the service uses it from one thread.
 */
public final class OfflineQueue implements AutoCloseable {
    private final Connection db;

    public OfflineQueue(Path file) throws SQLException {
        try {
            // Shared with the RosterStore, and it holds who came when: owner-only, like its -wal and -shm.
            OwnerOnlyFile.prepare(file);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create " + file, e);
        }
        this.db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = db.createStatement()) {
            // The roster's connection to the same file may be writing: wait for it rather than fail.
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA journal_mode=WAL");
            // FULL: a scan the desk was told is queued must survive a power cut, not just a crash.
            s.execute("PRAGMA synchronous=FULL");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS pending (
                        position          INTEGER PRIMARY KEY AUTOINCREMENT,
                        client_request_id TEXT NOT NULL UNIQUE,
                        kind              TEXT NOT NULL,
                        command           TEXT NOT NULL)""");
        }
    }

    /** Appends a command; returns it with its queue position. Re-adding a known request id is a no-op. */
    public QueuedCommand add(CheckInCommand checkIn, CheckOutCommand checkOut) throws SQLException {
        String id = checkIn != null ? checkIn.clientRequestId() : checkOut.clientRequestId();
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT OR IGNORE INTO pending (client_request_id, kind, command) VALUES (?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, checkIn != null ? "check_in" : "check_out");
            ps.setString(3, Json.write(checkIn != null ? checkIn : checkOut));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT position FROM pending WHERE client_request_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new QueuedCommand(rs.getLong(1), checkIn, checkOut);
            }
        }
    }

    /**
     * Rewrites a queued check-in in place (same position), e.g. with the offline verdict taken after it was queued;
     * returns it as now stored, or null when it is no longer queued (answered meanwhile).
     */
    public QueuedCommand replace(CheckInCommand checkIn) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "UPDATE pending SET command = ? WHERE client_request_id = ? AND kind = 'check_in'")) {
            ps.setString(1, Json.write(checkIn));
            ps.setString(2, checkIn.clientRequestId());
            if (ps.executeUpdate() == 0) {
                return null;
            }
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT position FROM pending WHERE client_request_id = ?")) {
            ps.setString(1, checkIn.clientRequestId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new QueuedCommand(rs.getLong(1), checkIn, null);
            }
        }
    }

    public void remove(String clientRequestId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM pending WHERE client_request_id = ?")) {
            ps.setString(1, clientRequestId);
            ps.executeUpdate();
        }
    }

    /** Everything still waiting, oldest first. */
    public List<QueuedCommand> all() throws SQLException {
        List<QueuedCommand> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT position, kind, command FROM pending ORDER BY position")) {
            while (rs.next()) {
                boolean in = "check_in".equals(rs.getString(2));
                String json = rs.getString(3);
                // No validation here: one odd stored row must not make the whole queue unreadable.
                out.add(new QueuedCommand(rs.getLong(1),
                        in ? read(json, CheckInCommand.class) : null,
                        in ? null : read(json, CheckOutCommand.class)));
            }
        }
        return out;
    }

    private static <T> T read(String json, Class<T> type) throws SQLException {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new SQLException("unreadable queued command", e);
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
