package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.Json;
import com.avgym.protocol.message.RosterEntry;
import com.avgym.protocol.message.RosterPage;
import com.avgym.server.db.Sql;
import com.avgym.server.photo.PhotoImages;
import com.avgym.server.support.Rest;
import com.avgym.server.support.TestServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The server half of "roster delta under concurrent member edits converges": 4 threads add, change, re-photo and
 * remove members over REST while a reader pulls deltas again and again and replays them the way a desk does.
 * At the end the replayed roster equals the members table, row by row. On PostgreSQL (-Ppostgres) this is what
 * the counter row lock is for: without commits in version order, a delta could skip a change committed late.
 */
class RosterConvergenceTest {
    private static final int WRITERS = 4;
    private static final int EDITS_PER_WRITER = 40;

    @Test
    void aReaderReplayingDeltasDuringConcurrentEditsEndsEqualToTheMembersTable() throws Exception {
        try (TestServer server = TestServer.start()) {
            Rest rest = server.rest();
            String staff = server.login("desk").access();
            String admin = server.login("admin").access();
            List<String> ids = new CopyOnWriteArrayList<>();
            Json.convert(rest.get("/api/members/roster?since=0", staff).body(), RosterPage.class).members()
                    .forEach(e -> ids.add(e.memberId()));

            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            Replay replay = new Replay();
            Future<?> reader = pool.submit(() -> {
                while (writing.get()) {
                    replay.pull(rest, staff);
                }
                return null;
            });
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Random random = new Random(1000 + w);
                int writer = w;
                writers.add(pool.submit(() -> edits(rest, staff, admin, ids, random, writer)));
            }
            int changes = 0;
            for (Future<Integer> f : writers) {
                changes += f.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            reader.get(1, TimeUnit.MINUTES);
            pool.shutdown();
            replay.pull(rest, staff);

            assertThat(changes).as("edits that changed something").isGreaterThan(WRITERS * EDITS_PER_WRITER / 2);
            assertThat(replay.deltasWithChanges).as("the reader really pulled deltas while the writers wrote").isGreaterThan(3);
            Map<String, RosterEntry> table = membersTable(server);
            assertThat(replay.version).isEqualTo(server.server().database()
                    .read(c -> Sql.count(c, "SELECT version FROM roster_state")));
            assertThat(replay.roster.keySet()).isEqualTo(table.keySet());
            for (String number : table.keySet()) {
                assertThat(replay.roster.get(number)).as("member %s", number).isEqualTo(table.get(number));
            }
        }
    }

    /** One writer's edits; returns how many were applied (a removed member's edit is refused, as it should be). */
    private static int edits(Rest rest, String staff, String admin, List<String> ids, Random random, int writer) {
        int applied = 0;
        for (int i = 0; i < EDITS_PER_WRITER; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            int kind = random.nextInt(10);
            Rest.Response r;
            if (kind < 2) {
                r = rest.post("/api/members", staff, Map.of("fullName", "New " + writer + "-" + i, "planName", "Monthly"));
                if (r.status() == 201) {
                    ids.add(r.body().path("id").asText());
                }
            } else if (kind < 4) {
                r = rest.patch("/api/members/" + id, staff, Map.of("fullName", "Renamed " + writer + "-" + i));
            } else if (kind < 5) {
                r = rest.patch("/api/members/" + id, staff, Map.of("status", random.nextBoolean() ? "active" : "inactive"));
            } else if (kind < 7) {
                r = rest.patch("/api/members/" + id, staff, Map.of("membershipEnd",
                        LocalDate.now().plusDays(random.nextInt(200) - 50).toString()));
            } else if (kind < 8) {
                r = rest.putBytes("/api/members/" + id + "/photo", staff, PhotoImages.initials("P " + writer + " " + i));
            } else if (kind < 9) {
                r = rest.delete("/api/members/" + id, admin);
            } else {
                r = rest.patch("/api/members/" + id, staff, Map.of("planName", random.nextBoolean() ? "Annual" : "Quarterly"));
            }
            assertThat(r.status()).as("edit %d of writer %d: %s", i, writer, r.text()).isIn(200, 201, 404);
            if (r.status() != 404) {
                applied++;
            } else {
                assertThat(r.code()).isEqualTo("MEMBER_NOT_FOUND");
            }
        }
        return applied;
    }

    /** The members table itself, with each member's newest subscription and photo, as the roster must show it. */
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
                assertThat(rows.put(e.number(), e)).as("one newest subscription for %s", e.number()).isNull();
                return e;
            }));
        return rows;
    }

    /** A desk's copy of the roster, kept by replaying pages. */
    private static final class Replay {
        final Map<String, RosterEntry> roster = new HashMap<>();
        long version;
        int deltasWithChanges;

        void pull(Rest rest, String token) {
            Rest.Response r = rest.get("/api/members/roster?since=" + version, token);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            RosterPage page = Json.convert(r.body(), RosterPage.class);
            assertThat(page.version()).as("versions only grow").isGreaterThanOrEqualTo(version);
            if (page.full()) {
                roster.clear();
            } else if (!page.members().isEmpty() || !page.removed().isEmpty()) {
                deltasWithChanges++;
            }
            page.removed().forEach(roster::remove);
            page.members().forEach(e -> roster.put(e.number(), e));
            version = page.version();
        }
    }
}
