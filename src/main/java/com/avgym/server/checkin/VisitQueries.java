package com.avgym.server.checkin;

import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.NeedsReview;
import com.avgym.protocol.message.Page;
import com.avgym.protocol.message.VisitOverride;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Read side of visits: one visit, and the paged history the desk's table shows. */
public final class VisitQueries {
    static final String VISIT_SELECT = """
            SELECT c.id, c.member_id, m.membership_number, m.full_name, c.check_in_time, c.check_out_time,
                   c.location, c.notes, c.auto_closed, c.override_reason, c.override_by,
                   r.id AS review_id, r.reason AS review_reason, r.message AS review_message, r.offline_verdict
            FROM check_ins c JOIN members m ON m.id = c.member_id
            LEFT JOIN review_items r ON r.check_in_id = c.id
            """;

    public enum Status { IN, OUT, ALL }

    private final Database db;
    private final GymCalendar calendar;

    public VisitQueries(Database db, GymCalendar calendar) {
        this.db = db;
        this.calendar = calendar;
    }

    static Optional<CheckInView> byId(Connection c, String id) throws SQLException {
        return Sql.one(c, VISIT_SELECT + " WHERE c.id = ?", VisitQueries::map, id);
    }

    static Optional<CheckInView> openFor(Connection c, String memberId) throws SQLException {
        return Sql.one(c, VISIT_SELECT + " WHERE c.member_id = ? AND c.check_out_time IS NULL", VisitQueries::map, memberId);
    }

    /** Newest first; {@code from}/{@code to} are inclusive gym-local dates of the check-in. */
    public Page<CheckInView> history(Status status, LocalDate from, LocalDate to, String q, int page, int perPage) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status == Status.IN) {
            where.append(" AND c.check_out_time IS NULL");
        } else if (status == Status.OUT) {
            where.append(" AND c.check_out_time IS NOT NULL");
        }
        if (from != null) {
            where.append(" AND c.check_in_time >= ?");
            params.add(calendar.startOf(from).toEpochMilli());
        }
        if (to != null) {
            where.append(" AND c.check_in_time < ?");
            params.add(calendar.startOf(to.plusDays(1)).toEpochMilli());
        }
        if (q != null && !q.isBlank()) {
            String pattern = "%" + MemberDirectory.likeEscape(q.trim().toLowerCase(Locale.ROOT)) + "%";
            where.append(" AND (LOWER(m.full_name) LIKE ? ESCAPE '!' OR LOWER(m.membership_number) LIKE ? ESCAPE '!')");
            params.add(pattern);
            params.add(pattern);
        }
        return db.read(c -> {
            long total = Sql.count(c, "SELECT COUNT(*) FROM check_ins c JOIN members m ON m.id = c.member_id" + where,
                    params.toArray());
            List<Object> paged = new ArrayList<>(params);
            paged.add(perPage);
            paged.add((long) (page - 1) * perPage);
            List<CheckInView> rows = Sql.list(c, VISIT_SELECT + where + " ORDER BY c.check_in_time DESC, c.id LIMIT ? OFFSET ?",
                    VisitQueries::map, paged.toArray());
            return new Page<>(rows, total, page, perPage);
        });
    }

    /** The dashboard's chart: check-ins of {@code date} (null: today) by gym-local hour; a day has a few thousand at most. */
    public HourlyCheckIns hourly(LocalDate requested) {
        LocalDate date = requested == null ? calendar.today() : requested;
        List<Long> times = db.read(c -> Sql.list(c,
                "SELECT check_in_time FROM check_ins WHERE check_in_time >= ? AND check_in_time < ?",
                rs -> rs.getLong(1), calendar.startOf(date).toEpochMilli(), calendar.startOf(date.plusDays(1)).toEpochMilli()));
        int[] counts = new int[HourlyCheckIns.HOURS];
        times.forEach(t -> counts[calendar.hourOf(Instant.ofEpochMilli(t))]++);
        return new HourlyCheckIns(date, java.util.Arrays.stream(counts).boxed().toList());
    }

    static CheckInView map(ResultSet rs) throws SQLException {
        Long out = Sql.nullableLong(rs, "check_out_time");
        return new CheckInView(rs.getString("id"), rs.getString("member_id"), rs.getString("membership_number"),
                rs.getString("full_name"), Instant.ofEpochMilli(rs.getLong("check_in_time")),
                out == null ? null : Instant.ofEpochMilli(out), rs.getString("location"), rs.getString("notes"),
                rs.getBoolean("auto_closed"), override(rs.getString("override_reason"), rs.getString("override_by")),
                needsReview(rs));
    }

    /** A visit admitted offline that the server would have refused stays flagged, acknowledged or not. */
    private static NeedsReview needsReview(ResultSet rs) throws SQLException {
        String id = rs.getString("review_id");
        return id == null ? null : new NeedsReview(id, rs.getString("review_reason"), rs.getString("review_message"),
                OfflineVerdict.valueOf(rs.getString("offline_verdict")));
    }

    private static VisitOverride override(String reason, String by) {
        return reason == null ? null : new VisitOverride(reason, by);
    }
}
