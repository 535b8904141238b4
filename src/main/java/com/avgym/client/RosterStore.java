package com.avgym.client;

import com.avgym.protocol.message.RosterEntry;
import com.avgym.protocol.message.RosterPage;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The member roster a desk or kiosk keeps so it can decide a scan while the server is away: the members, the roster
 * version they are at, and when they were last in step with the server ({@code syncedAt}, the roster's age).
 *
 * <p>It lives in the offline queue's SQLite file (owner-only) on a second connection: one file to protect and back
 * up, and WAL lets the two connections read beside each other. Writes happen on the service's one disk thread,
 * so they never contend; the methods are synchronized because the desk's finder reads from another thread.
 */
public final class RosterStore implements AutoCloseable {
    /** A roster that was never synced: version 0 asks the server for all of it. */
    public record State(long version, Instant syncedAt) {
        public boolean synced() {
            return syncedAt != null;
        }
    }

    private static final String COLUMNS = "member_id, number, name, status, membership_end, plan, photo_etag";
    private final Connection db;

    public RosterStore(Path file) throws SQLException {
        try {
            OwnerOnlyFile.prepare(file);
        } catch (IOException e) {
            throw new SQLException("cannot prepare " + file, e);
        }
        this.db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = db.createStatement()) {
            // The queue's connection may be writing: wait for it rather than fail.
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA journal_mode=WAL");
            // NORMAL: a roster lost to a power cut is fetched again; the queue's scans keep FULL on their connection.
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS roster_member (
                        member_id      TEXT PRIMARY KEY,
                        number         TEXT NOT NULL,
                        number_key     TEXT NOT NULL,
                        name           TEXT NOT NULL,
                        name_key       TEXT NOT NULL,
                        status         TEXT NOT NULL,
                        membership_end TEXT,
                        plan           TEXT,
                        photo_etag     TEXT)""");
            s.execute("CREATE INDEX IF NOT EXISTS roster_member_number ON roster_member (number_key)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS roster_meta (
                        id        INTEGER PRIMARY KEY CHECK (id = 1),
                        version   INTEGER NOT NULL,
                        synced_at TEXT)""");
            s.execute("INSERT OR IGNORE INTO roster_meta (id, version, synced_at) VALUES (1, 0, NULL)");
        }
    }

    /** The server matches numbers trimmed and case-insensitively (MemberDirectory.byNumber): so does the roster. */
    static String numberKey(String number) {
        return number.trim().toUpperCase(Locale.ROOT);
    }

    public synchronized State state() throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, synced_at FROM roster_meta WHERE id = 1")) {
            rs.next();
            String at = rs.getString(2);
            return new State(rs.getLong(1), at == null ? null : Instant.parse(at));
        }
    }

    /**
     * Applies one answer of the server, all or nothing: a full page replaces every member, a delta upserts
     * {@code members} and deletes {@code removed} (member ids). Either way the roster is then at
     * {@code page.version()} and in step with the server as of {@code at}.
     */
    public synchronized State apply(RosterPage page, Instant at) throws SQLException {
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            if (page.full()) {
                try (Statement s = db.createStatement()) {
                    s.execute("DELETE FROM roster_member");
                }
            }
            if (page.removed() != null && !page.removed().isEmpty()) {
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM roster_member WHERE member_id = ?")) {
                    for (String id : page.removed()) {
                        ps.setString(1, id);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (page.members() != null && !page.members().isEmpty()) {
                try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO roster_member (" + COLUMNS
                        + ", number_key, name_key) VALUES (?,?,?,?,?,?,?,?,?)")) {
                    for (RosterEntry e : page.members()) {
                        ps.setString(1, e.memberId());
                        ps.setString(2, e.number());
                        ps.setString(3, e.name());
                        ps.setString(4, e.status());
                        ps.setString(5, e.membershipEnd() == null ? null : e.membershipEnd().toString());
                        ps.setString(6, e.plan());
                        ps.setString(7, e.photoEtag());
                        ps.setString(8, numberKey(e.number()));
                        ps.setString(9, e.name().toLowerCase(Locale.ROOT));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps = db.prepareStatement("UPDATE roster_meta SET version = ?, synced_at = ? WHERE id = 1")) {
                ps.setLong(1, page.version());
                ps.setString(2, at.toString());
                ps.executeUpdate();
            }
            db.commit();
            return new State(page.version(), at);
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
    }

    /** The member holding card {@code number} (trimmed, any case), if the roster has one. */
    public synchronized Optional<RosterEntry> byNumber(String number) throws SQLException {
        if (number == null || number.isBlank()) {
            return Optional.empty();
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS
                + " FROM roster_member WHERE number_key = ? ORDER BY member_id LIMIT 1")) {
            ps.setString(1, numberKey(number));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The member with this id (a check-in by member id rather than by card), if the roster has one. */
    public synchronized Optional<RosterEntry> byMemberId(String memberId) throws SQLException {
        if (memberId == null) {
            return Optional.empty();
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM roster_member WHERE member_id = ?")) {
            ps.setString(1, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Members whose name or number contains {@code q} (any case), by name, as the server's member search orders. */
    public synchronized List<RosterEntry> search(String q, int limit) throws SQLException {
        String pattern = "%" + likeEscape(q == null ? "" : q.trim().toLowerCase(Locale.ROOT)) + "%";
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM roster_member"
                + " WHERE name_key LIKE ? ESCAPE '!' OR LOWER(number) LIKE ? ESCAPE '!'"
                + " ORDER BY name, number LIMIT ?")) {
            ps.setString(1, pattern);
            ps.setString(2, pattern);
            ps.setInt(3, limit);
            return list(ps);
        }
    }

    /** Every member, by member id (for comparing with the server's roster). */
    public synchronized List<RosterEntry> all() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM roster_member ORDER BY member_id")) {
            return list(ps);
        }
    }

    public synchronized int size() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM roster_member")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<RosterEntry> list(PreparedStatement ps) throws SQLException {
        List<RosterEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    private static RosterEntry map(ResultSet rs) throws SQLException {
        String end = rs.getString("membership_end");
        return new RosterEntry(rs.getString("member_id"), rs.getString("number"), rs.getString("name"),
                rs.getString("status"), end == null ? null : LocalDate.parse(end), rs.getString("plan"),
                rs.getString("photo_etag"));
    }

    private static String likeEscape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
