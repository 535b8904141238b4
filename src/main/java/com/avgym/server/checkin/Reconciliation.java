package com.avgym.server.checkin;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.ProtocolException;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Stats;
import com.avgym.server.auth.Principal;
import com.avgym.server.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A check-in a desk or kiosk decided offline from its roster ({@code offlineVerdict}): the server decides it again
 * with its own data at the scan's time and records what happened at the door, flagging what it disagrees with
 * (docs/PROTOCOL.md section 14). Runs inside {@link CheckInService}'s transaction, so the visit, the review item,
 * the events and the stored answer commit together.
 */
final class Reconciliation {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final MemberDirectory members;
    private final StatsQuery stats;
    private final GymCalendar calendar;
    private final Reviews reviews;

    Reconciliation(MemberDirectory members, StatsQuery stats, GymCalendar calendar, Reviews reviews) {
        this.members = members;
        this.stats = stats;
        this.calendar = calendar;
        this.reviews = reviews;
    }

    /** The answer, and whether a review item was written (then reviews_changed goes out after commit). */
    record Reconciled(CommandOutcome outcome, boolean reviewAdded) {
    }

    /** What the server itself would have answered at the scan's time: null reason = it would have admitted. */
    private record ServerView(MemberView member, CheckInView open, ErrorCode reason, String message) {
        boolean admits() {
            return reason == null;
        }
    }

    /** Refuses what a live desk may do but an offline decision may not carry; checked before anything is read. */
    static void validate(CheckInCommand cmd) {
        if (cmd.override() != null) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE,
                    "field 'override' cannot go with 'offlineVerdict' (letting a member in anyway needs a live desk)");
        }
        if (cmd.occurredAt() == null) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "field 'occurredAt' is required with 'offlineVerdict'");
        }
    }

    Reconciled apply(Connection c, EventLog.Batch batch, Principal by, CheckInCommand cmd, Instant at) throws SQLException {
        ServerView server = decide(c, cmd, at);
        if (cmd.offlineVerdict().admits()) {
            return server.member() == null ? admittedUnknown(c, by, cmd, at) : admitted(c, batch, by, cmd, at, server);
        }
        return refused(c, by, cmd, at, server);
    }

    private ServerView decide(Connection c, CheckInCommand cmd, Instant at) throws SQLException {
        Optional<MemberView> found = cmd.membershipNumber() != null && !cmd.membershipNumber().isBlank()
                ? members.byNumber(c, cmd.membershipNumber(), calendar.dateOf(at))
                : members.byId(c, cmd.memberId(), calendar.dateOf(at));
        if (found.isEmpty()) {
            return new ServerView(null, null, ErrorCode.MEMBER_NOT_FOUND, "No member with that number");
        }
        MemberView m = found.get();
        CheckInView open = VisitQueries.openFor(c, m.id()).orElse(null);
        if (!"active".equals(m.status())) {
            return new ServerView(m, open, ErrorCode.MEMBER_INACTIVE, m.fullName() + "'s membership account is inactive");
        }
        if (!m.membershipCurrent()) {
            return new ServerView(m, open, ErrorCode.MEMBERSHIP_EXPIRED, m.membershipEnd() == null
                    ? m.fullName() + " had no current membership"
                    : m.fullName() + "'s membership expired on " + m.membershipEnd().format(DAY));
        }
        if (open != null && !open.checkInTime().isAfter(at)) {
            return new ServerView(m, open, ErrorCode.ALREADY_CHECKED_IN,
                    m.fullName() + " was already checked in since " + open.checkInTime() + " at " + open.location());
        }
        return new ServerView(m, open, null, null);
    }

    /**
     * Let in at the door: the visit happened, so it is recorded at the scan's time whatever the server thinks. The
     * member's other visits decide its shape: an open one that began before the scan is closed at the scan (the
     * member evidently left and came back); one that began after it (checked in later at a desk, open or since
     * closed) ends the offline one at its start, so visits never overlap and a member who left stays out.
     */
    private Reconciled admitted(Connection c, EventLog.Batch batch, Principal by, CheckInCommand cmd, Instant at,
                                ServerView server) throws SQLException {
        MemberView m = server.member();
        Instant now = calendar.now();
        CheckInView open = server.open();
        Instant closesAt = null;
        if (open != null && !open.checkInTime().isAfter(at)) {
            Sql.update(c, "UPDATE check_ins SET check_out_time = ?, auto_closed = ? WHERE id = ?", at.toEpochMilli(), true, open.id());
            batch.append(c, MessageType.MEMBER_CHECKED_OUT, VisitQueries.byId(c, open.id()).orElseThrow(), now);
        } else {
            closesAt = nextVisitStart(c, m.id(), at);
        }
        String id = UUID.randomUUID().toString();
        Sql.update(c, """
                INSERT INTO check_ins (id, member_id, check_in_time, check_out_time, location, notes, auto_closed, created_by)
                VALUES (?,?,?,?,?,?,?,?)""",
                id, m.id(), at.toEpochMilli(), closesAt == null ? null : closesAt.toEpochMilli(), cmd.location().trim(),
                cmd.notes(), false, by.userId());
        if (!server.admits()) {
            reviews.add(c, draft(Reviews.ADMITTED, server.reason().name(), server.message(), by, cmd, at, m, id));
        }
        CheckInView visit = VisitQueries.byId(c, id).orElseThrow();
        if (visit.open()) {
            batch.appendVisit(MessageType.MEMBER_CHECKED_IN, visit, stats::compute, now);
        } else {
            batch.append(c, MessageType.MEMBER_CHECKED_IN, visit, now);
            // Screens keeping "who is in" from the broadcasts must not count this visit as open.
            batch.appendVisit(MessageType.MEMBER_CHECKED_OUT, visit, stats::compute, now);
        }
        Stats current = stats.compute(c);
        return new Reconciled(new CommandOutcome.Done(201, new CommandResult(cmd.clientRequestId(), visit, current, false)),
                !server.admits());
    }

    /** The start of the member's first visit that began after {@code at}, or null. */
    private static Instant nextVisitStart(Connection c, String memberId, Instant at) throws SQLException {
        return Sql.one(c, "SELECT check_in_time FROM check_ins WHERE member_id = ? AND check_in_time > ? ORDER BY check_in_time LIMIT 1",
                rs -> Instant.ofEpochMilli(rs.getLong(1)), memberId, at.toEpochMilli()).orElse(null);
    }

    /** Let in, but the server has no such member (removed meanwhile): no visit can be recorded, only the item. */
    private Reconciled admittedUnknown(Connection c, Principal by, CheckInCommand cmd, Instant at) throws SQLException {
        String reviewId = reviews.add(c, draft(Reviews.ADMITTED, ErrorCode.MEMBER_NOT_FOUND.name(),
                "Let in offline, but the server has no member with that number", by, cmd, at, null, null));
        return new Reconciled(CheckInService.refused(ErrorCode.MEMBER_NOT_FOUND, "No member with that number",
                Map.of("reviewId", reviewId)), true);
    }

    /** Turned away at the door: never a visit; listed when the server would have let the member in. */
    private Reconciled refused(Connection c, Principal by, CheckInCommand cmd, Instant at, ServerView server)
            throws SQLException {
        MemberView m = server.member();
        if (server.admits()) {
            String message = m.fullName() + " was turned away offline (" + cmd.offlineVerdict().name()
                    + ") but the server would have let them in";
            String reviewId = reviews.add(c, draft(Reviews.REFUSED, Reviews.WOULD_ADMIT, message, by, cmd, at, m, null));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("memberName", m.fullName());
            details.put("reviewId", reviewId);
            return new Reconciled(CheckInService.refused(ErrorCode.REFUSED_OFFLINE, message, details), true);
        }
        if (server.reason() == ErrorCode.ALREADY_CHECKED_IN) {
            return new Reconciled(CheckInService.alreadyIn(server.open()), false);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (m != null) {
            details.put("memberName", m.fullName());
            if (server.reason() == ErrorCode.MEMBERSHIP_EXPIRED && m.membershipEnd() != null) {
                details.put("expiredOn", m.membershipEnd().toString());
            }
        }
        return new Reconciled(CheckInService.refused(server.reason(), server.message(), details), false);
    }

    private static Reviews.Draft draft(String kind, String reason, String message, Principal by, CheckInCommand cmd,
                                       Instant at, MemberView m, String checkInId) {
        String number = m != null ? m.membershipNumber()
                : cmd.membershipNumber() != null ? cmd.membershipNumber().trim() : null;
        return new Reviews.Draft(kind, reason, message, number, m == null ? cmd.memberId() : m.id(),
                m == null ? null : m.fullName(), cmd.offlineVerdict(), cmd.rosterVersion(), at, cmd.location().trim(),
                checkInId, cmd.clientRequestId(), by.username());
    }
}
