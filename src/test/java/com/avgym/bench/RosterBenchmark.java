package com.avgym.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ClientConfig;
import com.avgym.client.ConnectionService;
import com.avgym.client.HttpBackendApi;
import com.avgym.client.RosterStore;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.RosterEntry;
import com.avgym.protocol.message.RosterPage;
import com.avgym.server.db.Sql;
import com.avgym.server.support.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The member roster's figures: full sync of 20,000 members and a delta of 100 changes (server to client store, end to
 * end), a local lookup by number, and the offline verdict's latency from checkIn() to the Queued outcome; the local
 * ones also with a busy-loop thread on one core. {@code ./mvnw -Pbench test -Dtest=RosterBenchmark}; figures in
 * target/bench-roster.txt.
 */
@Tag("bench")
class RosterBenchmark {
    static final int MEMBERS = 20_000;
    private static final Path OUT = Path.of("target", "bench-roster.txt");

    @TempDir
    Path dir;

    @BeforeAll
    static void freshFile() throws IOException {
        Files.createDirectories(OUT.getParent());
        Files.deleteIfExists(OUT);
    }

    static void figure(String line) throws IOException {
        System.out.println(line);
        Files.writeString(OUT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String stats(String what, List<Long> nanos, double unit, String unitName) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2) / unit;
        double p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / unit;
        return String.format(Locale.ROOT, "%s (%d runs): median %.1f %s, p99 %.1f %s", what, sorted.size(), median,
                unitName, p99, unitName);
    }

    static List<RosterEntry> members(int n) {
        List<RosterEntry> out = new ArrayList<>(n);
        LocalDate today = LocalDate.now();
        for (int i = 1; i <= n; i++) {
            out.add(new RosterEntry("id-" + i, "B%05d".formatted(i), "Member " + i, i % 50 == 0 ? "inactive" : "active",
                    i % 10 == 0 ? today.minusDays(3) : today.plusDays(30), "Monthly", "\"e" + i + "\""));
        }
        return out;
    }

    /** A thread spinning on one of the cores until stopped: the desk PC busy with something else. */
    static AutoCloseable busyCore() {
        AtomicBoolean stop = new AtomicBoolean();
        Thread t = Thread.ofPlatform().daemon().name("busy-loop").start(() -> {
            long x = 0;
            while (!stop.get()) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.print("");
            }
        });
        return () -> {
            stop.set(true);
            t.join();
        };
    }

    /**
     * Server to client store, as RosterSync does it: GET /api/members/roster over HTTP, JSON to records, one SQLite
     * transaction. Full: 20,000 members seeded straight into the server's database; delta: 100 renames through
     * PATCH /api/members/{id}, then the page since the store's version.
     */
    @Test
    void fullSyncAndDeltaFromARealServer() throws Exception {
        try (TestServer server = TestServer.start()) {
            seed(server, MEMBERS);
            HttpBackendApi api = new HttpBackendApi(URI.create(server.server().baseUrl()), Duration.ofSeconds(30));
            String token = server.login("desk").access();
            sync(server, api, token, "", 0);
            try (AutoCloseable busy = busyCore()) {
                sync(server, api, token, ", one core busy", 1);
            }
        }
    }

    private void sync(TestServer server, HttpBackendApi api, String token, String load, int pass) throws Exception {
        List<Long> full = new ArrayList<>();
        RosterStore last = null;
        for (int round = 0; round < 6; round++) {
            if (last != null) {
                last.close();
            }
            last = new RosterStore(dir.resolve("full-" + pass + "-" + round + ".db"));
            long start = System.nanoTime();
            RosterPage page = api.roster(token, 0);
            last.apply(page, Instant.now());
            long took = System.nanoTime() - start;
            assertThat(last.size()).isGreaterThanOrEqualTo(MEMBERS);
            if (round > 0) {
                full.add(took);
            }
        }
        figure(stats("roster full sync, " + last.size() + " members, HTTP + JSON + SQLite" + load, full, 1_000_000.0, "ms"));

        List<RosterEntry> all = last.all();
        List<Long> delta = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 100; i++) {
                RosterEntry e = all.get(pass * 1_000 + round * 100 + i);
                assertThat(server.rest().patch("/api/members/" + e.memberId(), token,
                        Map.of("fullName", "Renamed " + pass + "-" + round + "-" + i)).status()).isEqualTo(200);
            }
            long since = last.state().version();
            long start = System.nanoTime();
            RosterPage page = api.roster(token, since);
            last.apply(page, Instant.now());
            long took = System.nanoTime() - start;
            assertThat(page.full()).isFalse();
            assertThat(page.members()).hasSize(100);
            if (round > 0) {
                delta.add(took);
            }
        }
        figure(stats("roster delta sync, 100 changes on " + last.size() + " members" + load, delta, 1_000_000.0, "ms"));
        last.close();
    }

    /** Members straight into the server's database, each with a current subscription, as an import would. */
    private static void seed(TestServer server, int n) {
        long now = System.currentTimeMillis();
        String end = LocalDate.now().plusDays(60).toString();
        String startDay = LocalDate.now().minusDays(30).toString();
        server.server().database().write(c -> {
            String plan = Sql.one(c, "SELECT id FROM plans ORDER BY name LIMIT 1", rs -> rs.getString(1)).orElseThrow();
            for (int i = 1; i <= n; i++) {
                String id = UUID.randomUUID().toString();
                Sql.update(c, "INSERT INTO members (id, membership_number, full_name, phone, status, notes, created_at,"
                        + " updated_at) VALUES (?,?,?,?,?,?,?,?)", id, "B%05d".formatted(i), "Bench Member " + i, null,
                        "active", null, now, now);
                Sql.update(c, "INSERT INTO subscriptions (id, member_id, plan_id, start_date, end_date, status)"
                        + " VALUES (?,?,?,?,?,?)", UUID.randomUUID().toString(), id, plan, startDay, end, "active");
            }
            return null;
        });
    }

    @Test
    void localLookupByNumber() throws Exception {
        try (RosterStore store = new RosterStore(dir.resolve("client.db"))) {
            store.apply(new RosterPage(1, true, members(MEMBERS), List.of()), Instant.now());
            lookups(store, "roster lookup by number, 20,000 members", 2_000);
            try (AutoCloseable busy = busyCore()) {
                lookups(store, "roster lookup by number, 20,000 members, one core busy", 2_000);
            }
        }
    }

    private static void lookups(RosterStore store, String what, int warmup) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < warmup + 10_000; i++) {
            String number = "b%05d".formatted(1 + random.nextInt(MEMBERS));
            long start = System.nanoTime();
            boolean found = store.byNumber(number).isPresent();
            long took = System.nanoTime() - start;
            assertThat(found).isTrue();
            if (i >= warmup) {
                nanos.add(took);
            }
        }
        figure(stats(what, nanos, 1_000.0, "µs"));
    }

    @Test
    void offlineVerdictFromCheckInToQueued() throws Exception {
        Path file = dir.resolve("client.db");
        try (RosterStore store = new RosterStore(file)) {
            store.apply(new RosterPage(1, true, members(MEMBERS), List.of()), Instant.now());
        }
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        // Nothing listens: every scan is queued and decided from the roster, the path a kiosk takes in an outage.
        try (ConnectionService service = ConnectionService.create(
                ClientConfig.defaults(URI.create("http://127.0.0.1:" + deadPort), file))) {
            verdicts(service, "offline verdict, checkIn() to Queued (real SQLite, FULL sync)", 50, 500);
            try (AutoCloseable busy = busyCore()) {
                verdicts(service, "offline verdict, checkIn() to Queued, one core busy", 50, 500);
            }
        }
    }

    private static void verdicts(ConnectionService service, String what, int warmup, int rounds) throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < warmup + rounds; i++) {
            String number = "B%05d".formatted(1 + random.nextInt(MEMBERS));
            long start = System.nanoTime();
            ScanOutcome outcome = service.checkIn(number, "Kiosk", null).get(10, TimeUnit.SECONDS);
            long took = System.nanoTime() - start;
            assertThat(outcome).isInstanceOf(ScanOutcome.Queued.class);
            assertThat(((ScanOutcome.Queued) outcome).verdict()).isIn(OfflineVerdict.ADMIT, OfflineVerdict.REFUSE_EXPIRED,
                    OfflineVerdict.REFUSE_INACTIVE);
            if (i >= warmup) {
                nanos.add(took);
            }
        }
        figure(stats(what, nanos, 1_000_000.0, "ms"));
    }
}
