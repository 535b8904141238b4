package com.avgym.server.checkin;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Json;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CheckOutCommand;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ErrorPayload;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Stats;
import com.avgym.protocol.message.VisitOverride;
import com.avgym.server.auth.Principal;
import com.avgym.server.db.DataAccessException;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Check-in and check-out, the only writes the desk makes. Each command runs in one transaction that
 * checks its clientRequestId, applies the change, appends the events and stores the answer, so a
 * repeat (from REST or the socket) gets the first answer and changes nothing.
 */
public final class CheckInService {
    /** A scan stamped further ahead than this is refused: the desk's clock is wrong. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** A queued scan older than this is refused rather than rewriting a closed week's figures. */
    public static final Duration PAST_LIMIT = Duration.ofDays(7);

    private final Database db;
    private final EventLog events;
    private final MemberDirectory members;
    private final StatsQuery stats;
    private final GymCalendar calendar;
    private final Reviews reviews;
    private final Reconciliation reconciliation;

    public CheckInService(Database db, EventLog events, MemberDirectory members, StatsQuery stats, GymCalendar calendar) {
        this.db = db;
        this.events = events;
        this.members = members;
        this.stats = stats;
        this.calendar = calendar;
        this.reviews = new Reviews(db, calendar);
        this.reconciliation = new Reconciliation(members, stats, calendar, reviews);
    }

    /** The review list that offline check-ins the server disagrees with go to. */
    public Reviews reviews() {
        return reviews;
    }

    public Stats currentStats() {
        return db.read(stats::compute);
    }

    /** The figures and the last seq they include, read in one snapshot (a new socket's initial_stats). */
    public record StatsAt(long seq, Stats stats) {
    }

    public StatsAt currentStatsWithSeq() {
        return db.snapshot(c -> new StatsAt(Sql.count(c, "SELECT last FROM event_seq WHERE id = 1"), stats.compute(c)));
    }

    public CommandOutcome checkIn(Principal by, CheckInCommand cmd) {
        if (cmd.offlineVerdict() != null) {
            return reconcile(by, cmd);
        }
        return run("check_in", cmd.clientRequestId(), (c, batch) -> {
            Instant at = eventTime(cmd.occurredAt());
            if (cmd.override() != null) {
                if (!by.role().mayWrite()) {
                    return refused(ErrorCode.FORBIDDEN, "only admin and staff may let a member in anyway", Map.of());
                }
                if (cmd.override().reason() == null || cmd.override().reason().isBlank()) {
                    return refused(ErrorCode.OVERRIDE_REASON_REQUIRED, "say why the member is let in anyway", Map.of());
                }
            }
            LocalDate day = calendar.dateOf(at);
            Optional<MemberView> found = cmd.membershipNumber() != null && !cmd.membershipNumber().isBlank()
                    ? members.byNumber(c, cmd.membershipNumber(), day)
                    : members.byId(c, cmd.memberId(), day);
            if (found.isEmpty()) {
                return refused(ErrorCode.MEMBER_NOT_FOUND, "No member with that number", Map.of());
            }
            MemberView m = found.get();
            // Recorded only when it lets in someone the checks below would refuse.
            VisitOverride override = cmd.override() != null && (!"active".equals(m.status()) || !m.membershipCurrent())
                    ? new VisitOverride(cmd.override().reason().trim(), by.username()) : null;
            if (!"active".equals(m.status()) && override == null) {
                return refused(ErrorCode.MEMBER_INACTIVE, m.fullName() + "'s membership account is inactive",
                        Map.of("memberName", m.fullName()));
            }
            if (!m.membershipCurrent() && override == null) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("memberName", m.fullName());
                String message = m.fullName() + " has no current membership";
                if (m.membershipEnd() != null) {
                    details.put("expiredOn", m.membershipEnd().toString());
                    message = "Membership expired on " + m.membershipEnd().format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH));
                }
                return refused(ErrorCode.MEMBERSHIP_EXPIRED, message, details);
            }
            if (m.openCheckInId() != null) {
                return alreadyIn(VisitQueries.byId(c, m.openCheckInId()).orElseThrow());
            }
            String id = UUID.randomUUID().toString();
            // A savepoint, because PostgreSQL aborts the whole transaction on a failed insert.
            java.sql.Savepoint beforeInsert = c.setSavepoint();
            try {
                Sql.update(c, """
                        INSERT INTO check_ins (id, member_id, check_in_time, location, notes, auto_closed, created_by,
                                               override_reason, override_by)
                        VALUES (?,?,?,?,?,?,?,?,?)""",
                        id, m.id(), at.toEpochMilli(), cmd.location().trim(), cmd.notes(), false, by.userId(),
                        override == null ? null : override.reason(), override == null ? null : override.by());
                c.releaseSavepoint(beforeInsert);
            } catch (SQLException e) {
                if (DataAccessException.isUniqueViolation(e)) {
                    // Another server process won the race; the database kept one open visit.
                    c.rollback(beforeInsert);
                    return alreadyIn(VisitQueries.openFor(c, m.id()).orElseThrow());
                }
                throw e;
            }
            CheckInView visit = new CheckInView(id, m.id(), m.membershipNumber(), m.fullName(),
                    Instant.ofEpochMilli(at.toEpochMilli()), null, cmd.location().trim(), cmd.notes(), false, override);
            return done(c, batch, cmd.clientRequestId(), MessageType.MEMBER_CHECKED_IN, visit);
        });
    }

    /** A scan decided offline: decided again at its own time (see {@link Reconciliation}). */
    private CommandOutcome reconcile(Principal by, CheckInCommand cmd) {
        Reconciliation.validate(cmd);
        // Read after run() returned, so only a committed item is announced; a replayed answer never sets it.
        boolean[] reviewAdded = {false};
        CommandOutcome outcome = run("check_in", cmd.clientRequestId(), (c, batch) -> {
            Reconciliation.Reconciled r = reconciliation.apply(c, batch, by, cmd, eventTime(cmd.occurredAt()));
            reviewAdded[0] = r.reviewAdded();
            return r.outcome();
        });
        if (reviewAdded[0]) {
            reviews.changed();
        }
        return outcome;
    }

    public CommandOutcome checkOut(Principal by, CheckOutCommand cmd) {
        return run("check_out", cmd.clientRequestId(), (c, batch) -> {
            Instant at = eventTime(cmd.occurredAt());
            Optional<CheckInView> open;
            if (cmd.checkInId() != null && !cmd.checkInId().isBlank()) {
                Optional<CheckInView> visit = VisitQueries.byId(c, cmd.checkInId());
                if (visit.isEmpty()) {
                    return refused(ErrorCode.NOT_CHECKED_IN, "No such visit", Map.of());
                }
                open = visit.filter(CheckInView::open);
                if (open.isEmpty()) {
                    return refused(ErrorCode.NOT_CHECKED_IN, visit.get().memberName() + " is not checked in",
                            Map.of("memberName", visit.get().memberName(), "checkInId", visit.get().id()));
                }
            } else {
                Optional<MemberView> m = members.byNumber(c, cmd.membershipNumber(), calendar.today());
                if (m.isEmpty()) {
                    return refused(ErrorCode.MEMBER_NOT_FOUND, "No member with that number", Map.of());
                }
                open = VisitQueries.openFor(c, m.get().id());
                if (open.isEmpty()) {
                    return refused(ErrorCode.NOT_CHECKED_IN, m.get().fullName() + " is not checked in",
                            Map.of("memberName", m.get().fullName()));
                }
            }
            CheckInView visit = open.get();
            // A queued check-out may carry a time before the check-in it closes; never a negative stay.
            if (at.isBefore(visit.checkInTime())) {
                at = visit.checkInTime();
            }
            Sql.update(c, "UPDATE check_ins SET check_out_time = ? WHERE id = ? AND check_out_time IS NULL",
                    at.toEpochMilli(), visit.id());
            CheckInView closed = visit.closedAt(Instant.ofEpochMilli(at.toEpochMilli()));
            return done(c, batch, cmd.clientRequestId(), MessageType.MEMBER_CHECKED_OUT, closed);
        });
    }

    /** Appends a stats_update on its own, e.g. when the gym's day rolls over and todayTotal resets. */
    void publishStats() {
        events.serialized(() -> {
            EventLog.Batch batch = events.batch();
            db.write(c -> {
                batch.appendLate(MessageType.STATS_UPDATE, stats::compute, calendar.now());
                batch.write(c);
                return null;
            });
            batch.publish();
            return null;
        });
    }

    /** Closes one stale open visit (see {@link StaleVisitCloser}); broadcasts like a check-out. */
    boolean autoClose(String visitId, Instant at) {
        return events.serialized(() -> {
            EventLog.Batch batch = events.batch();
            boolean closed = db.write(c -> {
                int n = Sql.update(c, "UPDATE check_ins SET check_out_time = ?, auto_closed = ? WHERE id = ? AND check_out_time IS NULL",
                        at.toEpochMilli(), true, visitId);
                if (n == 0) {
                    return false;
                }
                batch.appendVisit(MessageType.MEMBER_CHECKED_OUT, VisitQueries.byId(c, visitId).orElseThrow(), stats::compute,
                        calendar.now());
                batch.write(c);
                return true;
            });
            batch.publish();
            return closed;
        });
    }

    // --- the transaction frame shared by both commands -------------------------------------------

    @FunctionalInterface
    private interface Command {
        CommandOutcome apply(Connection c, EventLog.Batch batch) throws SQLException;
    }

    private record Stored(String command, int status, String response) {
    }

    private CommandOutcome run(String command, String clientRequestId, Command body) {
        try {
            return runOnce(command, clientRequestId, body);
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLException s && DataAccessException.isUniqueViolation(s)) {
                // The same clientRequestId committed meanwhile through another server process: answer as a repeat.
                return runOnce(command, clientRequestId, body);
            }
            throw e;
        }
    }

    private CommandOutcome runOnce(String command, String clientRequestId, Command body) {
        return events.serialized(() -> {
            EventLog.Batch batch = events.batch();
            CommandOutcome outcome = db.write(c -> {
                Optional<Stored> seen = Sql.one(c,
                        "SELECT command, http_status, response FROM processed_requests WHERE client_request_id = ?",
                        rs -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)), clientRequestId);
                if (seen.isPresent()) {
                    return withRequestId(replay(command, seen.get()), clientRequestId);
                }
                CommandOutcome result = body.apply(c, batch);
                int status = result instanceof CommandOutcome.Done d ? d.httpStatus() : ((CommandOutcome.Refused) result).code().httpStatus();
                Object stored = result instanceof CommandOutcome.Done d ? d.result() : ((CommandOutcome.Refused) result).error();
                Sql.update(c, "INSERT INTO processed_requests (client_request_id, command, http_status, response, created_at) VALUES (?,?,?,?,?)",
                        clientRequestId, command, status, Json.write(stored), calendar.now().toEpochMilli());
                // Last: the seq counter's row lock is held from here to the commit.
                batch.write(c);
                return withRequestId(result, clientRequestId);
            });
            // The answer goes back now; fan-out reads the log on its own thread.
            batch.publish();
            return outcome;
        });
    }

    private static CommandOutcome replay(String command, Stored seen) {
        if (!seen.command().equals(command)) {
            return refused(ErrorCode.INVALID_MESSAGE, "clientRequestId was already used for a " + seen.command(), Map.of());
        }
        if (seen.status() < 300) {
            CommandResult first = Json.convert(Json.parse(seen.response()), CommandResult.class);
            return new CommandOutcome.Done(200, first.asDuplicate());
        }
        ErrorPayload error = Json.convert(Json.parse(seen.response()), ErrorPayload.class);
        return new CommandOutcome.Refused(ErrorCode.valueOf(error.code()), error);
    }

    private CommandOutcome done(Connection c, EventLog.Batch batch, String requestId, MessageType type, CheckInView visit)
            throws SQLException {
        Stats now = stats.compute(c);
        // The figures ride in the event, computed again once the seq is taken so they follow commit order across processes.
        batch.appendVisit(type, visit, stats::compute, calendar.now());
        return new CommandOutcome.Done(201, new CommandResult(requestId, visit, now, false));
    }

    private static CommandOutcome withRequestId(CommandOutcome outcome, String requestId) {
        return outcome instanceof CommandOutcome.Refused r
                ? new CommandOutcome.Refused(r.code(), r.error().withRequest(requestId))
                : outcome;
    }

    static CommandOutcome alreadyIn(CheckInView open) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("memberName", open.memberName());
        details.put("checkInId", open.id());
        details.put("since", open.checkInTime().toString());
        details.put("location", open.location());
        return refused(ErrorCode.ALREADY_CHECKED_IN, open.memberName() + " is already checked in", details);
    }

    static CommandOutcome refused(ErrorCode code, String message, Map<String, Object> details) {
        return new CommandOutcome.Refused(code, new ErrorPayload(code.name(), message, code.retryable(), null,
                details.isEmpty() ? null : details));
    }

    /**
     * The scan's own time (so queued scans keep it), else now. Outside [now - 7 days, now + 5 min] it is refused
     * as INVALID_MESSAGE naming the range: a desk clock that far off is wrong, and an instant near the ends of
     * Instant's range would otherwise overflow later as an internal error the desk would retry forever.
     */
    private Instant eventTime(Instant occurredAt) {
        Instant now = calendar.now();
        if (occurredAt == null) {
            return now;
        }
        Instant earliest = now.minus(PAST_LIMIT);
        Instant latest = now.plus(FUTURE_TOLERANCE);
        if (occurredAt.isBefore(earliest) || occurredAt.isAfter(latest)) {
            throw new com.avgym.protocol.ProtocolException(ErrorCode.INVALID_MESSAGE, "field 'occurredAt' must be from "
                    + earliest.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " to "
                    + latest.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + " (at most 7 days back and 5 minutes ahead of the server's clock)");
        }
        return occurredAt;
    }
}
