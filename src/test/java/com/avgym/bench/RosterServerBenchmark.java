package com.avgym.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.Json;
import com.avgym.protocol.message.RosterPage;
import com.avgym.server.db.Sql;
import com.avgym.server.photo.PhotoImages;
import com.avgym.server.roster.RosterLedger;
import com.avgym.server.roster.RosterQuery;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GET /api/members/roster on a real server holding 20,000 members (half with a photo): the whole roster
 * (since=0) and a delta of 100 changes, each timed from request to the last byte over loopback, with the
 * answer's size. Not part of the test run: {@code ./mvnw -Pbench test -Dtest=RosterServerBenchmark}.
 * Prints median and p99 and writes them to target/bench-roster-server.txt.
 */
@Tag("bench")
class RosterServerBenchmark {
    private static final int MEMBERS = 20_000;
    private static final int WARMUP = 5;
    private static final int ROUNDS = 30;
    private static final int DELTA = 100;

    @Test
    void fullRosterAndDelta() throws Exception {
        Path dataDir;
        try (TestServer server = TestServer.start()) {
            dataDir = server.dataDir();
            seed(server);
            String staff = server.login("desk").access();
            HttpClient http = HttpClient.newHttpClient();
            List<Long> fullMicros = new ArrayList<>();
            int fullBytes = 0;
            long version = 0;
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> r = get(http, server, staff, 0);
                long micros = (System.nanoTime() - start) / 1000;
                RosterPage page = Json.MAPPER.readValue(r.body(), RosterPage.class);
                assertThat(page.full()).isTrue();
                assertThat(page.members()).hasSize(MEMBERS);
                fullBytes = r.body().length;
                version = page.version();
                if (i >= WARMUP) {
                    fullMicros.add(micros);
                }
            }
            // The database part alone: the same query in-process, without HTTP and JSON.
            RosterQuery query = new RosterQuery(server.server().database(), Clock.systemUTC());
            List<Long> queryMicros = new ArrayList<>();
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                long start = System.nanoTime();
                assertThat(query.page(0).members()).hasSize(MEMBERS);
                if (i >= WARMUP) {
                    queryMicros.add((System.nanoTime() - start) / 1000);
                }
            }
            List<Long> deltaMicros = new ArrayList<>();
            int deltaBytes = 0;
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                long since = version;
                for (int k = 0; k < DELTA; k++) {
                    String number = "B%05d".formatted(1 + (i * DELTA + k) % MEMBERS);
                    String id = server.rest().get("/api/members/by-number/" + number, staff).body().path("id").asText();
                    assertThat(server.rest().patch("/api/members/" + id, staff, Map.of("fullName", "Changed " + i + " " + k))
                            .status()).isEqualTo(200);
                }
                long start = System.nanoTime();
                HttpResponse<byte[]> r = get(http, server, staff, since);
                long micros = (System.nanoTime() - start) / 1000;
                RosterPage page = Json.MAPPER.readValue(r.body(), RosterPage.class);
                assertThat(page.full()).isFalse();
                assertThat(page.members()).hasSize(DELTA);
                deltaBytes = r.body().length;
                version = page.version();
                if (i >= WARMUP) {
                    deltaMicros.add(micros);
                }
            }
            String engine = TestServer.onPostgres() ? "postgresql" : "sqlite";
            String text = line("full roster", engine, fullMicros, fullBytes) + System.lineSeparator()
                    + line("full roster, database query only", engine, queryMicros, 0) + System.lineSeparator()
                    + line("delta of " + DELTA + " changes", engine, deltaMicros, deltaBytes) + System.lineSeparator();
            System.out.print(text);
            Files.writeString(Path.of("target", "bench-roster-server.txt"), text);
        }
        // The photos make the database a few tens of MB: do not leave it in the temp dir.
        try (var files = Files.walk(dataDir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String line(String what, String engine, List<Long> micros, int bytes) {
        Collections.sort(micros);
        double median = micros.get(micros.size() / 2) / 1000.0;
        double p99 = micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0;
        return String.format(Locale.ROOT, "GET /api/members/roster, %s of %,d members (%s, %d rounds): median %.1f ms, "
                + "p99 %.1f ms, %,d bytes of JSON", what, MEMBERS, engine, micros.size(), median, p99, bytes);
    }

    private static HttpResponse<byte[]> get(HttpClient http, TestServer server, String token, long since) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.server().baseUrl() + "/api/members/roster?since=" + since))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r;
    }

    /** Replaces the demo members by 20,000 with realistic names, a subscription each and a photo for every other. */
    private static void seed(TestServer server) {
        LocalDate today = LocalDate.now();
        // A real avatar's bytes: the roster must not pay for reading photos it only names by ETag.
        byte[] jpeg = PhotoImages.initials("Firstname Lastname");
        server.server().database().write(c -> {
            long version = RosterLedger.bump(c);
            String plan = Sql.one(c, "SELECT id FROM plans WHERE name = 'Annual'", rs -> rs.getString(1)).orElseThrow();
            for (int n = 1; n <= MEMBERS; n++) {
                String id = UUID.randomUUID().toString();
                Sql.update(c, """
                        INSERT INTO members (id, membership_number, full_name, phone, status, created_at, updated_at, roster_version)
                        VALUES (?,?,?,?,?,?,?,?)""", id, "B%05d".formatted(n), "Firstname%d Lastname-Surname%d".formatted(n, n),
                        "+251 91 000 0000", n % 20 == 0 ? "inactive" : "active", 0L, 0L, version);
                Sql.update(c, "INSERT INTO subscriptions (id, member_id, plan_id, start_date, end_date, status) VALUES (?,?,?,?,?,?)",
                        UUID.randomUUID().toString(), id, plan, today.minusDays(100).toString(),
                        today.plusDays(n % 365).toString(), "active");
                if (n % 2 == 0) {
                    Sql.update(c, "INSERT INTO member_photos (member_id, jpeg, etag, updated_at) VALUES (?,?,?,?)",
                            id, jpeg, "\"" + UUID.randomUUID().toString().replace("-", "") + "\"", 0L);
                }
            }
            Sql.update(c, "UPDATE members SET removed_at = 1 WHERE membership_number LIKE 'M%'");
            return null;
        });
    }
}
