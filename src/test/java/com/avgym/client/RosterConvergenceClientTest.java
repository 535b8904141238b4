package com.avgym.client;

import static com.avgym.client.support.ClientFixture.base;
import static com.avgym.client.support.ClientFixture.config;
import static com.avgym.client.support.ClientFixture.startServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.protocol.message.RosterEntry;
import com.avgym.server.db.Sql;
import com.avgym.server.photo.PhotoImages;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's "roster delta under concurrent member edits converges", client side: 4 editors add, change, re-photo
 * and remove members over the member routes while a signed-in desk syncs on every member_updated; at the end the
 * desk's local roster equals the server's members table, row by row.
 */
class RosterConvergenceClientTest {
    private static final int EDITORS = 4;
    private static final int EDITS_PER_EDITOR = 40;

    @TempDir
    Path tmp;

    @Test
    void theDesksRosterEqualsTheServersAfterConcurrentEdits() throws Exception {
        try (TestServer server = startServer(UnaryOperator.identity());
             ConnectionService desk = ConnectionService.create(config(base(server), tmp.resolve("desk.db")))) {
            AtomicInteger announced = new AtomicInteger();
            desk.addListener(new ClientListener() {
                @Override
                public void rosterChanged(long version) {
                    announced.incrementAndGet();
                }
            });
            desk.signIn("desk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS);
            await("first sync").atMost(Duration.ofSeconds(30)).until(() -> desk.roster().state().synced());
            Rest rest = server.rest();
            String staff = server.login("desk").access();
            String admin = server.login("admin").access();
            List<String> ids = new CopyOnWriteArrayList<>();
            desk.roster().all().forEach(e -> ids.add(e.memberId()));

            // The desk's roster version, sampled while the editors write: it must move along, not only at the end.
            Set<Long> versionsSeen = new ConcurrentSkipListSet<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                try {
                    versionsSeen.add(desk.roster().state().version());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            ExecutorService pool = Executors.newFixedThreadPool(EDITORS);
            List<Future<Integer>> editors = new ArrayList<>();
            for (int w = 0; w < EDITORS; w++) {
                Random random = new Random(2000 + w);
                int editor = w;
                editors.add(pool.submit(() -> edits(rest, staff, admin, ids, random, editor)));
            }
            int applied = 0;
            for (Future<Integer> f : editors) {
                applied += f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            sampler.shutdown();
            assertThat(sampler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            long serverVersion = server.server().database().read(c -> Sql.count(c, "SELECT version FROM roster_state"));
            await("desk caught up with version " + serverVersion).atMost(Duration.ofSeconds(30))
                    .until(() -> desk.roster().state().version() == serverVersion);
            assertThat(applied).isGreaterThan(EDITORS * EDITS_PER_EDITOR / 2);
            assertThat(announced.get()).as("member_updated frames received").isGreaterThan(3);
            assertThat(versionsSeen).as("versions the desk held during the edits").hasSizeGreaterThan(3);

            Map<String, RosterEntry> table = membersTable(server);
            Map<String, RosterEntry> local = new TreeMap<>();
            desk.roster().all().forEach(e -> local.put(e.number(), e));
            assertThat(local.keySet()).isEqualTo(table.keySet());
            for (String number : table.keySet()) {
                assertThat(local.get(number)).as("member %s", number).isEqualTo(table.get(number));
            }
        }
    }

    private static int edits(Rest rest, String staff, String admin, List<String> ids, Random random, int editor) {
        int applied = 0;
        for (int i = 0; i < EDITS_PER_EDITOR; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            int kind = random.nextInt(10);
            Rest.Response r;
            if (kind < 2) {
                r = rest.post("/api/members", staff, Map.of("fullName", "New " + editor + "-" + i, "planName", "Monthly"));
                if (r.status() == 201) {
                    ids.add(r.body().path("id").asText());
                }
            } else if (kind < 4) {
                r = rest.patch("/api/members/" + id, staff, Map.of("fullName", "Renamed " + editor + "-" + i));
            } else if (kind < 5) {
                r = rest.patch("/api/members/" + id, staff, Map.of("status", random.nextBoolean() ? "active" : "inactive"));
            } else if (kind < 7) {
                r = rest.patch("/api/members/" + id, staff, Map.of("membershipEnd",
                        LocalDate.now().plusDays(random.nextInt(200) - 50).toString()));
            } else if (kind < 8) {
                r = rest.putBytes("/api/members/" + id + "/photo", staff, PhotoImages.initials("P " + editor + " " + i));
            } else if (kind < 9) {
                r = rest.delete("/api/members/" + id, admin);
            } else {
                r = rest.patch("/api/members/" + id, staff, Map.of("planName", random.nextBoolean() ? "Annual" : "Quarterly"));
            }
            assertThat(r.status()).as("edit %d of editor %d: %s", i, editor, r.text()).isIn(200, 201, 404);
            if (r.status() != 404) {
                applied++;
            }
        }
        return applied;
    }

    /** The server's members table with each member's newest subscription and photo ETag, keyed by number. */
    private static Map<String, RosterEntry> membersTable(TestServer server) {
        Map<String, RosterEntry> rows = new TreeMap<>();
        server.server().database().read(c -> Sql.list(c, """
                SELECT m.id, m.membership_number, m.full_name, m.status, s.end_date, p.name AS plan_name, ph.etag
                FROM members m
                LEFT JOIN subscriptions s ON s.member_id = m.id AND s.status <> 'cancelled' AND NOT EXISTS (
                    SELECT 1 FROM subscriptions later WHERE later.member_id = m.id AND later.status <> 'cancelled'
                    AND later.end_date > s.end_date)
                LEFT JOIN plans p ON p.id = s.plan_id
                LEFT JOIN member_photos ph ON ph.member_id = m.id
                WHERE m.removed_at IS NULL""", rs -> {
                String end = rs.getString("end_date");
                RosterEntry e = new RosterEntry(rs.getString("id"), rs.getString("membership_number"),
                        rs.getString("full_name"), rs.getString("status"), end == null ? null : LocalDate.parse(end),
                        rs.getString("plan_name"), rs.getString("etag"));
                rows.put(e.number(), e);
                return e;
            }));
        return rows;
    }
}
