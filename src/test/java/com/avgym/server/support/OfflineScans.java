package com.avgym.server.support;

import com.avgym.server.db.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Members made for one test (so tests share a server without sharing a member) and the check_in bodies a desk or
 * kiosk sends for a scan it decided offline. Members are written straight into the server's database, as the
 * office's member system would.
 */
public final class OfflineScans {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final TestServer server;

    public OfflineScans(TestServer server) {
        this.server = server;
    }

    public record Member(String id, String number, String name) {
    }

    public ZoneId zone() {
        return server.server().config().zone();
    }

    /** The gym-local date of {@code at}. */
    public LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, zone());
    }

    /** A new member with one active subscription ending on {@code end} (none when null). */
    public Member member(String status, LocalDate end) {
        int n = NEXT.incrementAndGet();
        String id = UUID.randomUUID().toString();
        String number = "R" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + n;
        String name = "Review Member " + n;
        long now = System.currentTimeMillis();
        server.server().database().write(c -> {
            Sql.update(c, """
                    INSERT INTO members (id, membership_number, full_name, phone, status, notes, created_at, updated_at)
                    VALUES (?,?,?,?,?,?,?,?)""", id, number, name, null, status, null, now, now);
            if (end != null) {
                String plan = Sql.one(c, "SELECT id FROM plans ORDER BY name LIMIT 1", rs -> rs.getString(1)).orElseThrow();
                Sql.update(c, "INSERT INTO subscriptions (id, member_id, plan_id, start_date, end_date, status) VALUES (?,?,?,?,?,?)",
                        UUID.randomUUID().toString(), id, plan, end.minusYears(1).toString(), end.toString(), "active");
            }
            return null;
        });
        return new Member(id, number, name);
    }

    /** An active member whose membership runs for another month. */
    public Member current() {
        return member("active", dayOf(Instant.now()).plusMonths(1));
    }

    /** Removes a member and everything that refers to it, as a member system deleting it would. */
    public void remove(Member m) {
        server.server().database().write(c -> {
            for (String table : List.of("subscriptions", "member_photos", "check_ins")) {
                Sql.update(c, "DELETE FROM " + table + " WHERE member_id = ?", m.id());
            }
            return Sql.update(c, "DELETE FROM members WHERE id = ?", m.id());
        });
    }

    /** A check_in decided offline with {@code verdict} at {@code at}, with roster version 42. */
    public static Map<String, Object> scan(Member m, String verdict, Instant at) {
        return scan(m.number(), verdict, at);
    }

    public static Map<String, Object> scan(String number, String verdict, Instant at) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientRequestId", "offline-" + UUID.randomUUID());
        body.put("membershipNumber", number);
        body.put("location", "Kiosk 1");
        body.put("occurredAt", at.toString());
        body.put("offlineVerdict", verdict);
        body.put("rosterVersion", 42);
        return body;
    }

    /** An ordinary (online) check-in body for {@code m} at {@code at}. */
    public static Map<String, Object> online(Member m, Instant at) {
        return Map.of("clientRequestId", "online-" + UUID.randomUUID(), "membershipNumber", m.number(),
                "location", "Front desk", "occurredAt", at.toString());
    }

    /** The member's visits as stored, oldest first: {id, in, out, autoClosed}. */
    public List<Map<String, Object>> visits(Member m) {
        return server.server().database().read(c -> Sql.list(c,
                "SELECT id, check_in_time, check_out_time, auto_closed FROM check_ins WHERE member_id = ? ORDER BY check_in_time",
                rs -> {
                    Map<String, Object> row = new HashMap<>();
                    row.put("id", rs.getString(1));
                    row.put("in", Instant.ofEpochMilli(rs.getLong(2)));
                    long out = rs.getLong(3);
                    row.put("out", rs.wasNull() ? null : Instant.ofEpochMilli(out));
                    row.put("autoClosed", rs.getBoolean(4));
                    return row;
                }, m.id()));
    }

    /** Review items written for one clientRequestId (at most one, by the unique key). */
    public long reviewItemsFor(Map<String, Object> scan) {
        return server.server().database().read(c -> Sql.count(c,
                "SELECT COUNT(*) FROM review_items WHERE client_request_id = ?", scan.get("clientRequestId")));
    }

    /** The logged member_checked_in event of visit {@code visitId}. */
    public JsonNode loggedCheckIn(String visitId) {
        List<String> payloads = server.server().database().read(c -> Sql.list(c,
                "SELECT payload FROM events WHERE type = ? ORDER BY seq", rs -> rs.getString(1), "member_checked_in"));
        return payloads.stream().map(com.avgym.protocol.Json::parse).filter(p -> visitId.equals(p.path("id").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no member_checked_in event for " + visitId));
    }
}
