package com.avgym.server.roster;

import com.avgym.server.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Stamps member changes with the next roster version, inside the caller's transaction. Call it FIRST in the
 * transaction: on PostgreSQL the UPDATE takes the counter row's lock until commit, so concurrent member changes
 * commit in version order (a delta reader can never see version 7 while 6 is still uncommitted and then skip 6);
 * on SQLite the write takes the database's write lock before any read, so the transaction never has to upgrade
 * an older read snapshot (which fails with SQLITE_BUSY_SNAPSHOT instead of waiting).
 */
public final class RosterLedger {
    private RosterLedger() {
    }

    /** The next roster version, reserved for the caller's transaction. */
    public static long bump(Connection c) throws SQLException {
        return Sql.one(c, "UPDATE roster_state SET version = version + 1 WHERE id = 1 RETURNING version",
                rs -> rs.getLong(1)).orElseThrow(() -> new SQLException("roster_state has no row"));
    }

    /** Bumps the version and stamps member {@code memberId} with it; returns the version. */
    public static long touch(Connection c, String memberId, long now) throws SQLException {
        long version = bump(c);
        Sql.update(c, "UPDATE members SET roster_version = ?, updated_at = ? WHERE id = ?", version, now, memberId);
        return version;
    }

    /** Marks the member removed at {@code version} (from {@link #bump}) and keeps a tombstone of its number. */
    static void markRemoved(Connection c, String memberId, String number, long version, long now) throws SQLException {
        Sql.update(c, "UPDATE members SET roster_version = ?, updated_at = ?, removed_at = ? WHERE id = ?",
                version, now, now, memberId);
        Sql.update(c, "INSERT INTO roster_removals (member_id, membership_number, version, removed_at) VALUES (?,?,?,?)",
                memberId, number, version, now);
    }
}
