package com.avgym.server;

import static com.avgym.server.support.OfflineScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.db.Sql;
import com.avgym.server.support.OfflineScans;
import com.avgym.server.support.OfflineScans.Member;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A kiosk's queue arriving at once after an outage: 200 scans admitted offline, sent by four senders at the same time
 * and then all sent again (answers lost), while the office changed 5 of the members meanwhile. Every scan is recorded
 * once at its own time, exactly the 5 changed members are flagged with the server's reason, and the repeats change
 * nothing. Runs on SQLite and, in the postgres profile, PostgreSQL.
 */
class ReconciliationBurstTest {
    private static final int SCANS = 200;
    private static final int SENDERS = 4;

    @Test
    void twoHundredOfflineScansAreRecordedOnceWithTheRightFlags() throws Exception {
        try (TestServer server = TestServer.start()) {
            OfflineScans scans = new OfflineScans(server);
            Rest rest = server.rest();
            String kiosk = server.login("kiosk").access();
            Instant outageStart = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(3));
            List<Member> members = new ArrayList<>();
            List<Map<String, Object>> queue = new ArrayList<>();
            for (int i = 0; i < SCANS; i++) {
                Member m = scans.current();
                members.add(m);
                queue.add(scan(m, "ADMIT", outageStart.plusMillis(600L * i)));
            }
            Map<String, String> changed = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                Member m = members.get(17 + 37 * i);
                boolean deactivate = i % 2 == 0;
                server.server().database().write(c -> deactivate
                        ? Sql.update(c, "UPDATE members SET status = 'inactive' WHERE id = ?", m.id())
                        : Sql.update(c, "UPDATE subscriptions SET end_date = ? WHERE member_id = ?",
                                scans.dayOf(outageStart).minusDays(1).toString(), m.id()));
                changed.put(m.number(), deactivate ? "MEMBER_INACTIVE" : "MEMBERSHIP_EXPIRED");
            }

            Map<String, Integer> firstStatus = sendAll(rest, kiosk, queue);
            Map<String, Integer> repeatStatus = sendAll(rest, kiosk, queue);

            assertThat(firstStatus.values()).as("first answers").containsOnly(201);
            assertThat(repeatStatus.values()).as("repeated answers").containsOnly(200);
            for (int i = 0; i < SCANS; i++) {
                List<Map<String, Object>> visits = scans.visits(members.get(i));
                assertThat(visits).as("visits of scan %d", i).hasSize(1);
                assertThat(visits.getFirst().get("in")).isEqualTo(Instant.parse((String) queue.get(i).get("occurredAt")));
            }
            Map<String, String> flagged = new HashMap<>();
            server.server().database().read(c -> Sql.list(c, "SELECT membership_number, reason, kind FROM review_items",
                    rs -> Map.entry(rs.getString(1), rs.getString(3) + " " + rs.getString(2))))
                    .forEach(e -> assertThat(flagged.put(e.getKey(), e.getValue())).as("one item for %s", e.getKey()).isNull());
            Map<String, String> expected = new HashMap<>();
            changed.forEach((number, reason) -> expected.put(number, "ADMITTED " + reason));
            assertThat(flagged).isEqualTo(expected);
            assertThat(rest.get("/api/reviews/", server.login("desk").access()).body().size()).isEqualTo(5);
        }
    }

    /** Sends the queue by {@link #SENDERS} senders at once, each taking every SENDERS-th scan in order. */
    private static Map<String, Integer> sendAll(Rest rest, String token, List<Map<String, Object>> queue) throws Exception {
        Map<String, Integer> status = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(SENDERS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int first = s;
                done.add(pool.submit(() -> {
                    for (int i = first; i < queue.size(); i += SENDERS) {
                        Map<String, Object> body = queue.get(i);
                        status.put((String) body.get("clientRequestId"), rest.post("/api/checkins/", token, body).status());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(status).hasSize(queue.size());
        return status;
    }
}
