package com.avgym.server.roster;

import com.avgym.protocol.message.RosterEntry;
import com.avgym.protocol.message.RosterPage;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** GET /api/members/roster: the whole roster or the changes after a version, read in one snapshot. */
public final class RosterQuery {
    /** How long removals are kept for deltas; a client further behind gets the whole roster. */
    public static final Duration REMOVALS_KEPT = Duration.ofDays(30);

    /**
     * Each member with its newest non-cancelled subscription (as MemberView shows it) and its photo's ETag, for a
     * few members: the subqueries are index lookups per member.
     */
    private static final String CHANGED_SELECT = """
            SELECT m.id, m.membership_number, m.full_name, m.status,
              (SELECT s.end_date FROM subscriptions s WHERE s.member_id = m.id AND s.status <> 'cancelled'
                 ORDER BY s.end_date DESC, s.id DESC LIMIT 1) AS end_date,
              (SELECT p.name FROM subscriptions s JOIN plans p ON p.id = s.plan_id
                 WHERE s.member_id = m.id AND s.status <> 'cancelled' ORDER BY s.end_date DESC, s.id DESC LIMIT 1) AS plan_name,
              (SELECT ph.etag FROM member_photos ph WHERE ph.member_id = m.id) AS etag
            FROM members m WHERE m.removed_at IS NULL AND m.roster_version > ?
            ORDER BY m.membership_number""";

    /**
     * The same for every member in one pass: each member's subscriptions ranked once, instead of three lookups per
     * member (RosterServerBenchmark has the figures). Same order, so ties resolve alike.
     */
    private static final String FULL_SELECT = """
            WITH newest AS (
              SELECT s.member_id, s.end_date, p.name AS plan_name,
                ROW_NUMBER() OVER (PARTITION BY s.member_id ORDER BY s.end_date DESC, s.id DESC) AS rn
              FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE s.status <> 'cancelled')
            SELECT m.id, m.membership_number, m.full_name, m.status, n.end_date, n.plan_name, ph.etag
            FROM members m
            LEFT JOIN newest n ON n.member_id = m.id AND n.rn = 1
            LEFT JOIN member_photos ph ON ph.member_id = m.id
            WHERE m.removed_at IS NULL
            ORDER BY m.membership_number""";

    private record State(long version, long prunedThrough) {
    }

    private final Database db;
    private final Clock clock;

    public RosterQuery(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The changes after {@code since}; the whole roster ({@code full}) when since is 0, ahead of this server (its
     * database was replaced) or behind the removals it still keeps. The version and the rows come from one
     * snapshot, and versions commit in order (RosterLedger), so nothing at or below the answer's version can
     * appear later.
     */
    public RosterPage page(long since) {
        return db.snapshot(c -> {
            State state = Sql.one(c, "SELECT version, pruned_through FROM roster_state WHERE id = 1",
                    rs -> new State(rs.getLong(1), rs.getLong(2))).orElseThrow();
            boolean full = since <= 0 || since > state.version() || since < state.prunedThrough();
            if (full) {
                return new RosterPage(state.version(), true, Sql.list(c, FULL_SELECT, RosterQuery::entry), List.of());
            }
            List<RosterEntry> changed = Sql.list(c, CHANGED_SELECT, RosterQuery::entry, since);
            List<String> removed = Sql.list(c, "SELECT membership_number FROM roster_removals WHERE version > ? ORDER BY version",
                    rs -> rs.getString(1), since);
            return new RosterPage(state.version(), false, changed, removed);
        });
    }

    /** The current roster version. */
    public long version() {
        return db.read(c -> Sql.count(c, "SELECT version FROM roster_state WHERE id = 1"));
    }

    /** Drops removals older than {@link #REMOVALS_KEPT}; clients behind the newest dropped one resync in full. */
    public int pruneRemovals() {
        long cutoff = clock.instant().minus(REMOVALS_KEPT).toEpochMilli();
        // Writes first, reads inside them: on SQLite a transaction that read before writing can fail to upgrade.
        return db.write(c -> {
            Sql.update(c, """
                    UPDATE roster_state SET pruned_through = (SELECT MAX(version) FROM roster_removals WHERE removed_at < ?)
                    WHERE id = 1 AND EXISTS (SELECT 1 FROM roster_removals
                                             WHERE removed_at < ? AND version > roster_state.pruned_through)""",
                    cutoff, cutoff);
            return Sql.update(c, "DELETE FROM roster_removals WHERE version <= (SELECT pruned_through FROM roster_state WHERE id = 1)");
        });
    }

    private static RosterEntry entry(ResultSet rs) throws SQLException {
        String end = rs.getString("end_date");
        return new RosterEntry(rs.getString("id"), rs.getString("membership_number"), rs.getString("full_name"),
                rs.getString("status"), end == null ? null : LocalDate.parse(end), rs.getString("plan_name"),
                rs.getString("etag"));
    }
}
