package com.avgym.server.checkin;

import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.ReviewItem;
import com.avgym.protocol.message.ReviewsChanged;
import com.avgym.server.auth.Role;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The review list: offline decisions the server disagreed with (docs/PROTOCOL.md section 14). Items are written by
 * {@link Reconciliation} inside the check-in's transaction; staff acknowledge each with a note.
 */
public final class Reviews {
    /** Most items one list answer holds. */
    public static final int MAX_LIST = 500;
    /** Longest acknowledgement note. */
    public static final int MAX_NOTE = 500;

    public static final String ADMITTED = "ADMITTED";
    public static final String REFUSED = "REFUSED";
    /** The reason of a REFUSED item: the server would have let the member in. */
    public static final String WOULD_ADMIT = "WOULD_ADMIT";

    private static final String SELECT = """
            SELECT id, kind, reason, message, membership_number, member_name, offline_verdict, roster_version,
                   occurred_at, location, check_in_id, acknowledged_at, acknowledged_by, note
            FROM review_items
            """;

    private final Database db;
    private final GymCalendar calendar;
    private final Object notifyLock = new Object();
    private volatile Consumer<ReviewsChanged> listener = changed -> { };

    public Reviews(Database db, GymCalendar calendar) {
        this.db = db;
        this.calendar = calendar;
    }

    /** Only admin and staff see and acknowledge review items (trainers and devices do not). */
    public static boolean mayReview(Role role) {
        return role == Role.ADMIN || role == Role.STAFF;
    }

    /** What a new item records; {@code checkInId} is null when no visit was recorded. */
    record Draft(String kind, String reason, String message, String membershipNumber, String memberId,
                 String memberName, OfflineVerdict verdict, Long rosterVersion, Instant occurredAt, String location,
                 String checkInId, String clientRequestId, String createdBy) {
    }

    /** Writes one item in the caller's transaction; returns its id. */
    String add(Connection c, Draft d) throws SQLException {
        String id = UUID.randomUUID().toString();
        Sql.update(c, """
                INSERT INTO review_items (id, kind, reason, message, membership_number, member_id, member_name,
                    offline_verdict, roster_version, occurred_at, location, check_in_id, client_request_id,
                    created_at, created_by)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                id, d.kind(), d.reason(), d.message(), d.membershipNumber(), d.memberId(), d.memberName(),
                d.verdict().name(), d.rosterVersion(), d.occurredAt().toEpochMilli(), d.location(), d.checkInId(),
                d.clientRequestId(), calendar.now().toEpochMilli(), d.createdBy());
        return id;
    }

    /** Newest scan first, at most {@link #MAX_LIST}; {@code openOnly}: those not yet acknowledged. */
    public List<ReviewItem> list(boolean openOnly) {
        String where = openOnly ? " WHERE acknowledged_at IS NULL" : "";
        return db.read(c -> Sql.list(c, SELECT + where + " ORDER BY occurred_at DESC, id LIMIT ?", Reviews::map, MAX_LIST));
    }

    public long openCount() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM review_items WHERE acknowledged_at IS NULL"));
    }

    public enum Acknowledged { DONE, ALREADY, NOT_FOUND }

    public record Acknowledgement(Acknowledged result, ReviewItem item) {
    }

    /** Acknowledges an open item once; a second acknowledgement changes nothing and says ALREADY. */
    public Acknowledgement acknowledge(String id, String note, String by) {
        Acknowledgement a = db.write(c -> {
            int n = Sql.update(c, "UPDATE review_items SET acknowledged_at = ?, acknowledged_by = ?, note = ? "
                    + "WHERE id = ? AND acknowledged_at IS NULL", calendar.now().toEpochMilli(), by, note, id);
            Optional<ReviewItem> item = Sql.one(c, SELECT + " WHERE id = ?", Reviews::map, id);
            if (item.isEmpty()) {
                return new Acknowledgement(Acknowledged.NOT_FOUND, null);
            }
            return new Acknowledgement(n == 1 ? Acknowledged.DONE : Acknowledged.ALREADY, item.get());
        });
        if (a.result() == Acknowledged.DONE) {
            changed();
        }
        return a;
    }

    /** Receives reviews_changed after an item was added or acknowledged (after commit). */
    public void onChange(Consumer<ReviewsChanged> listener) {
        this.listener = listener;
    }

    /**
     * Tells the listener the open count. Counted and sent under one lock, so two changes committing at once cannot
     * deliver their counts in the wrong order: the last count sent is never older than the last commit.
     */
    void changed() {
        synchronized (notifyLock) {
            listener.accept(new ReviewsChanged(openCount()));
        }
    }

    private static ReviewItem map(ResultSet rs) throws SQLException {
        Long acknowledged = Sql.nullableLong(rs, "acknowledged_at");
        return new ReviewItem(rs.getString("id"), rs.getString("kind"), rs.getString("reason"), rs.getString("message"),
                rs.getString("membership_number"), rs.getString("member_name"),
                OfflineVerdict.valueOf(rs.getString("offline_verdict")), Sql.nullableLong(rs, "roster_version"),
                Instant.ofEpochMilli(rs.getLong("occurred_at")), rs.getString("location"), rs.getString("check_in_id"),
                acknowledged == null ? null : Instant.ofEpochMilli(acknowledged), rs.getString("acknowledged_by"),
                rs.getString("note"));
    }
}
