package com.avgym.cluster.support;

import com.avgym.server.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** REST check-ins and the shared event log, as the cluster tests use them. */
public final class Visits {
    /** M0001..M0048 hold a current subscription (M0049 expired, M0050 inactive). */
    public static final int ADMITTED_MEMBERS = 48;

    /** One event of {@code GET /api/events}. */
    public record Event(long seq, String type, JsonNode payload) {
    }

    private Visits() {
    }

    public static String member(int n) {
        return "M%04d".formatted(n);
    }

    /** POST /api/checkins; the answer as it came (201 new, 200 duplicate, or an error). */
    public static Rest.Response checkIn(Rest node, String token, String clientRequestId, String membershipNumber) {
        return node.post("/api/checkins/", token, Map.of("clientRequestId", clientRequestId,
                "membershipNumber", membershipNumber, "location", "Front desk"));
    }

    public static Rest.Response checkOut(Rest node, String token, String clientRequestId, String checkInId) {
        return node.post("/api/checkins/checkout", token, Map.of("clientRequestId", clientRequestId, "checkInId", checkInId));
    }

    /** Every event after {@code after} in the shared log, all pages, in the order served. */
    public static List<Event> eventsAfter(Rest node, String token, long after) {
        List<Event> out = new ArrayList<>();
        long from = after;
        while (true) {
            Rest.Response r = node.get("/api/events/?after=" + from + "&limit=1000", token);
            if (r.status() != 200 || r.body().path("resyncRequired").asBoolean()) {
                throw new IllegalStateException("events after " + from + ": " + r.status() + " " + r.text());
            }
            JsonNode events = r.body().path("events");
            for (JsonNode e : events) {
                out.add(new Event(e.path("seq").asLong(), e.path("type").asText(), e.path("payload")));
                from = e.path("seq").asLong();
            }
            if (events.isEmpty()) {
                return out;
            }
        }
    }

    /** The seq of the {@code member_checked_in} event of visit {@code checkInId}. */
    public static long seqOfCheckIn(List<Event> events, String checkInId) {
        return events.stream().filter(e -> e.type().equals("member_checked_in") && e.payload().path("id").asText().equals(checkInId))
                .mapToLong(Event::seq).findFirst()
                .orElseThrow(() -> new AssertionError("no member_checked_in for " + checkInId + " in the log"));
    }

    /** Prints a figure for the resolving note and appends it to target/cluster-figures.txt. */
    public static void figure(String line) {
        System.out.println("FIGURE " + line);
        try {
            Path file = Path.of("target", "cluster-figures.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
