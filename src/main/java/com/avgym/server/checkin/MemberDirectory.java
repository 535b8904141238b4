package com.avgym.server.checkin;

import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Page;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Read side of members: lookup by number, search, and memberships about to end. A removed member (DELETE
 * /api/members/{id}) is found by none of them: its row stays only for its visits.
 */
public final class MemberDirectory {
    /** Member columns plus its newest subscription, whether one is current, and its open visit. */
    private static final String MEMBER_SELECT = """
            SELECT m.id, m.membership_number, m.full_name, m.phone, m.status,
              (SELECT s.end_date FROM subscriptions s WHERE s.member_id = m.id AND s.status <> 'cancelled'
                 ORDER BY s.end_date DESC LIMIT 1) AS end_date,
              (SELECT p.name FROM subscriptions s JOIN plans p ON p.id = s.plan_id
                 WHERE s.member_id = m.id AND s.status <> 'cancelled' ORDER BY s.end_date DESC LIMIT 1) AS plan_name,
              (SELECT COUNT(*) FROM subscriptions s WHERE s.member_id = m.id AND s.status = 'active'
                 AND s.start_date <= ? AND s.end_date >= ?) AS current_subs,
              (SELECT c.id FROM check_ins c WHERE c.member_id = m.id AND c.check_out_time IS NULL) AS open_id
            FROM members m
            """;

    private final Database db;
    private final GymCalendar calendar;

    public MemberDirectory(Database db, GymCalendar calendar) {
        this.db = db;
        this.calendar = calendar;
    }

    public Optional<MemberView> byNumber(String number) {
        return db.read(c -> byNumber(c, number, calendar.today()));
    }

    Optional<MemberView> byNumber(Connection c, String number, LocalDate day) throws SQLException {
        String d = day.toString();
        return Sql.one(c, MEMBER_SELECT + " WHERE m.removed_at IS NULL AND UPPER(m.membership_number) = ?", MemberDirectory::map,
                d, d, number.trim().toUpperCase(Locale.ROOT));
    }

    public Optional<MemberView> byId(Connection c, String id, LocalDate day) throws SQLException {
        String d = day.toString();
        return Sql.one(c, MEMBER_SELECT + " WHERE m.removed_at IS NULL AND m.id = ?", MemberDirectory::map, d, d, id);
    }

    /** Members whose name or number contains {@code q} (case-insensitive), by name. */
    public Page<MemberView> search(String q, int page, int perPage) {
        String d = calendar.today().toString();
        String pattern = "%" + likeEscape(q == null ? "" : q.trim().toLowerCase(Locale.ROOT)) + "%";
        String where = " WHERE m.removed_at IS NULL"
                + " AND (LOWER(m.full_name) LIKE ? ESCAPE '!' OR LOWER(m.membership_number) LIKE ? ESCAPE '!')";
        return db.read(c -> {
            long total = Sql.count(c, "SELECT COUNT(*) FROM members m" + where, pattern, pattern);
            List<MemberView> rows = Sql.list(c, MEMBER_SELECT + where + " ORDER BY m.full_name, m.membership_number LIMIT ? OFFSET ?",
                    MemberDirectory::map, d, d, pattern, pattern, perPage, (long) (page - 1) * perPage);
            return new Page<>(rows, total, page, perPage);
        });
    }

    /** Active members whose newest subscription ends within {@code days} days from today. */
    public List<ExpiringMembership> expiring(int days) {
        LocalDate today = calendar.today();
        return db.read(c -> Sql.list(c, """
                SELECT m.id, m.membership_number, m.full_name, p.name AS plan_name, s.end_date
                FROM subscriptions s JOIN members m ON m.id = s.member_id JOIN plans p ON p.id = s.plan_id
                WHERE m.status = 'active' AND m.removed_at IS NULL AND s.status = 'active' AND s.end_date >= ? AND s.end_date <= ?
                  AND NOT EXISTS (SELECT 1 FROM subscriptions later WHERE later.member_id = s.member_id
                                  AND later.status <> 'cancelled' AND later.end_date > s.end_date)
                ORDER BY s.end_date, m.full_name""",
                rs -> {
                    LocalDate end = LocalDate.parse(rs.getString("end_date"));
                    return new ExpiringMembership(rs.getString("id"), rs.getString("membership_number"),
                            rs.getString("full_name"), rs.getString("plan_name"), end, ChronoUnit.DAYS.between(today, end));
                },
                today.toString(), today.plusDays(days).toString()));
    }

    static String likeEscape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static MemberView map(ResultSet rs) throws SQLException {
        String end = rs.getString("end_date");
        return new MemberView(rs.getString("id"), rs.getString("membership_number"), rs.getString("full_name"),
                rs.getString("phone"), rs.getString("status"), rs.getString("plan_name"),
                end == null ? null : LocalDate.parse(end), rs.getLong("current_subs") > 0, rs.getString("open_id"));
    }
}
