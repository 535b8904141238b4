package com.avgym.server.roster;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.ProtocolException;
import com.avgym.protocol.message.MemberView;
import com.avgym.server.checkin.GymCalendar;
import com.avgym.server.checkin.MemberDirectory;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds, changes and removes members. Each change takes the next roster version first thing in its transaction
 * (RosterLedger) and, once committed, is announced with {@code member_updated} so every desk and kiosk fetches
 * the delta at once.
 */
public final class MemberEditor {
    /** A committed change: the member as it is now and the roster version the change got. */
    public record Change(MemberView member, long rosterVersion) {
    }

    /** Thrown for an unknown or removed member; the route answers 404 MEMBER_NOT_FOUND. */
    public static final class NotFound extends RuntimeException {
        NotFound() {
            super("No member with that id", null, false, false);
        }
    }

    private static final Pattern GENERATED = Pattern.compile("M(\\d{1,9})");

    private final Database db;
    private final MemberDirectory directory;
    private final GymCalendar calendar;
    private final LongConsumer announce;

    public MemberEditor(Database db, MemberDirectory directory, GymCalendar calendar, LongConsumer announce) {
        this.db = db;
        this.directory = directory;
        this.calendar = calendar;
        this.announce = announce;
    }

    public Change create(MemberChanges.Create body) {
        LocalDate today = calendar.today();
        long now = calendar.now().toEpochMilli();
        Change change = db.write(c -> {
            long version = RosterLedger.bump(c);
            String number = body.membershipNumber() != null ? body.membershipNumber().trim() : nextNumber(c);
            if (Sql.count(c, "SELECT COUNT(*) FROM members WHERE UPPER(membership_number) = ?",
                    number.toUpperCase(Locale.ROOT)) > 0) {
                throw invalid("membership number " + number + " is already taken");
            }
            String id = UUID.randomUUID().toString();
            Sql.update(c, """
                    INSERT INTO members (id, membership_number, full_name, phone, status, notes, created_at, updated_at,
                                         roster_version) VALUES (?,?,?,?,'active',NULL,?,?,?)""",
                    id, number, body.fullName().trim(), body.phone(), now, now, version);
            if (body.planName() != null || body.membershipEnd() != null) {
                membership(c, id, body.planName(), body.membershipEnd(), today);
            }
            return new Change(directory.byId(c, id, today).orElseThrow(), version);
        });
        announce.accept(change.rosterVersion());
        return change;
    }

    public Change update(String memberId, MemberChanges.Update body) {
        LocalDate today = calendar.today();
        long now = calendar.now().toEpochMilli();
        Change change = db.write(c -> {
            long version = RosterLedger.bump(c);
            requireMember(c, memberId);
            Sql.update(c, """
                    UPDATE members SET full_name = COALESCE(?, full_name), phone = COALESCE(?, phone),
                      status = COALESCE(?, status), roster_version = ?, updated_at = ? WHERE id = ?""",
                    body.fullName() == null ? null : body.fullName().trim(), body.phone(), body.status(), version, now,
                    memberId);
            if (body.changesMembership()) {
                membership(c, memberId, body.planName(), body.membershipEnd(), today);
            }
            return new Change(directory.byId(c, memberId, today).orElseThrow(), version);
        });
        announce.accept(change.rosterVersion());
        return change;
    }

    /** A soft removal: the visits stay, the member leaves search, check-in and the roster. Returns the version. */
    public long remove(String memberId) {
        long now = calendar.now().toEpochMilli();
        long version = db.write(c -> {
            long v = RosterLedger.bump(c);
            RosterLedger.markRemoved(c, memberId, requireMember(c, memberId), v, now);
            return v;
        });
        announce.accept(version);
        return version;
    }

    /** The member's number; NotFound when it does not exist or was removed. */
    private static String requireMember(Connection c, String memberId) throws SQLException {
        return Sql.one(c, "SELECT membership_number FROM members WHERE id = ? AND removed_at IS NULL",
                rs -> rs.getString(1), memberId).orElseThrow(NotFound::new);
    }

    /** One past the highest generated-looking number (M0001...), removed members included: numbers are never reused. */
    private static String nextNumber(Connection c) throws SQLException {
        long highest = 0;
        for (String n : Sql.list(c, "SELECT membership_number FROM members WHERE membership_number LIKE 'M%'",
                rs -> rs.getString(1))) {
            Matcher m = GENERATED.matcher(n);
            if (m.matches()) {
                highest = Math.max(highest, Long.parseLong(m.group(1)));
            }
        }
        return "M%04d".formatted(highest + 1);
    }

    /**
     * Sets the plan and/or end of the member's newest subscription, or starts one (today, or so that it ends on
     * {@code end}). Its status follows the end date, so an extended membership counts as current again.
     */
    private static void membership(Connection c, String memberId, String planName, LocalDate end, LocalDate today)
            throws SQLException {
        record Sub(String id, String planId, LocalDate end) {
        }
        record Plan(String id, int days) {
        }
        Optional<Plan> plan = planName == null ? Optional.empty()
                : Optional.of(Sql.one(c, "SELECT id, duration_days FROM plans WHERE name = ?",
                        rs -> new Plan(rs.getString(1), rs.getInt(2)), planName.trim())
                        .orElseThrow(() -> invalid("no plan named " + planName.trim())));
        Optional<Sub> newest = Sql.one(c, """
                SELECT id, plan_id, end_date FROM subscriptions WHERE member_id = ? AND status <> 'cancelled'
                ORDER BY end_date DESC LIMIT 1""",
                rs -> new Sub(rs.getString(1), rs.getString(2), LocalDate.parse(rs.getString(3))), memberId);
        if (newest.isPresent()) {
            Sub s = newest.get();
            LocalDate newEnd = end != null ? end : s.end();
            Sql.update(c, "UPDATE subscriptions SET plan_id = ?, end_date = ?, status = ? WHERE id = ?",
                    plan.map(Plan::id).orElse(s.planId()), newEnd.toString(), status(newEnd, today), s.id());
            return;
        }
        Plan p = plan.orElseThrow(() -> invalid("field 'planName' is required: the member has no membership yet"));
        LocalDate newEnd = end != null ? end : today.plusDays(p.days());
        LocalDate start = newEnd.isBefore(today) ? newEnd.minusDays(p.days()) : today;
        Sql.update(c, "INSERT INTO subscriptions (id, member_id, plan_id, start_date, end_date, status) VALUES (?,?,?,?,?,?)",
                UUID.randomUUID().toString(), memberId, p.id(), start.toString(), newEnd.toString(), status(newEnd, today));
    }

    private static String status(LocalDate end, LocalDate today) {
        return end.isBefore(today) ? "expired" : "active";
    }

    private static ProtocolException invalid(String message) {
        return new ProtocolException(ErrorCode.INVALID_MESSAGE, message);
    }
}
