package com.avgym.server.checkin;

import com.avgym.protocol.message.Stats;
import com.avgym.server.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * The one definition of the dashboard figures, used by REST, initial_stats and stats_update alike:
 * <ul>
 *   <li>currentlyIn: open visits (stale ones are closed by {@link Housekeeping}, so this cannot drift);</li>
 *   <li>todayTotal: check-ins whose check-in time falls on today's gym-local date;</li>
 *   <li>averageStayMinutes: mean length of today's completed visits, auto-closed ones excluded,
 *       one decimal; 0 when there are none.</li>
 * </ul>
 */
public final class StatsQuery {
    private final GymCalendar calendar;

    public StatsQuery(GymCalendar calendar) {
        this.calendar = calendar;
    }

    public Stats compute(Connection c) throws SQLException {
        LocalDate today = calendar.today();
        long from = calendar.startOf(today).toEpochMilli();
        long to = calendar.startOf(today.plusDays(1)).toEpochMilli();
        // One statement, not three: this runs inside every check-in's transaction.
        record Row(long currentlyIn, long todayTotal, double avgMs) {
        }
        Row row = Sql.one(c, """
                SELECT (SELECT COUNT(*) FROM check_ins WHERE check_out_time IS NULL),
                       (SELECT COUNT(*) FROM check_ins WHERE check_in_time >= ? AND check_in_time < ?),
                       (SELECT AVG(check_out_time - check_in_time) FROM check_ins
                         WHERE check_in_time >= ? AND check_in_time < ? AND check_out_time IS NOT NULL
                           AND auto_closed = ?)""",
                rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getDouble(3)), from, to, from, to, false).orElseThrow();
        long currentlyIn = row.currentlyIn();
        long todayTotal = row.todayTotal();
        double avgMs = row.avgMs();
        double minutes = Math.round(avgMs / 6_000.0) / 10.0;
        return new Stats(currentlyIn, todayTotal, minutes);
    }
}
