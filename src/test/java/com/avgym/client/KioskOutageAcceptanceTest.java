package com.avgym.client;

import static com.avgym.client.support.ClientFixture.base;
import static com.avgym.client.support.ClientFixture.config;
import static com.avgym.client.support.ClientFixture.figure;
import static com.avgym.client.support.ClientFixture.history;
import static com.avgym.client.support.ClientFixture.restart;
import static com.avgym.client.support.ClientFixture.startServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.client.support.ClientRecorder;
import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.CheckInView;
import com.avgym.server.support.OfflineScans;
import com.avgym.server.support.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's acceptance: 200 scans at a kiosk during a 2-minute outage (the real server killed, restarted after 2
 * minutes, the scans spread over the outage by a fixed-rate schedule) are all recorded once with their original
 * times, and exactly the visits of the 5 members the office changed meanwhile are flagged needsReview. Takes about
 * 2.5 minutes of real time.
 */
class KioskOutageAcceptanceTest {
    private static final int SCANS = 200;
    private static final Duration OUTAGE = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    @Test
    void twoHundredOfflineScansAreRecordedOnceWithTheRightReviewFlags() throws Exception {
        TestServer first = startServer(UnaryOperator.identity());
        Path dataDir = first.dataDir();
        int port = base(first).getPort();
        OfflineScans office = new OfflineScans(first);
        List<OfflineScans.Member> members = new ArrayList<>();
        for (int i = 0; i < SCANS; i++) {
            members.add(office.current());
        }
        // Changed while the kiosk cannot hear of it: 3 deactivated, 2 whose membership ended yesterday.
        List<OfflineScans.Member> deactivated = members.subList(10, 13);
        List<OfflineScans.Member> expired = members.subList(100, 102);
        String yesterday = office.dayOf(Instant.now()).minusDays(1).toString();
        AtomicReference<TestServer> server = new AtomicReference<>(first);
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try (ConnectionService kiosk = ConnectionService.create(config(base(first), tmp.resolve("kiosk.db"))
                .withLiveData(false))) {
            ClientRecorder rec = new ClientRecorder();
            kiosk.addListener(rec);
            kiosk.signIn("kiosk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS);
            await("roster holds every member").atMost(Duration.ofSeconds(30))
                    .until(() -> kiosk.roster().byNumber(members.getLast().number()).isPresent());

            first.close();
            Instant outageStart = Instant.now();
            // The office's member system writes to the stopped server's database.
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("avgym.db"))) {
                for (OfflineScans.Member m : deactivated) {
                    update(db, "UPDATE members SET status = 'inactive' WHERE id = ?", m.id());
                }
                for (OfflineScans.Member m : expired) {
                    update(db, "UPDATE subscriptions SET end_date = '" + yesterday + "' WHERE member_id = ?", m.id());
                }
            }

            List<CompletableFuture<ScanOutcome>> outcomes = new CopyOnWriteArrayList<>();
            Map<String, Instant> scannedAt = new HashMap<>();
            AtomicInteger next = new AtomicInteger();
            long periodMs = OUTAGE.toMillis() / SCANS;
            pace.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < SCANS) {
                    outcomes.add(kiosk.checkIn(members.get(i).number(), "Kiosk 1", null));
                }
            }, 0, periodMs, TimeUnit.MILLISECONDS);
            CompletableFuture<Void> restarted = new CompletableFuture<>();
            pace.schedule(() -> {
                server.set(restart(dataDir, port, UnaryOperator.identity()));
                restarted.complete(null);
            }, OUTAGE.toMillis() + periodMs, TimeUnit.MILLISECONDS);

            await("200 scans answered at the door").atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> outcomes.size() == SCANS && outcomes.stream().allMatch(CompletableFuture::isDone));
            for (CompletableFuture<ScanOutcome> f : outcomes) {
                ScanOutcome.Queued q = (ScanOutcome.Queued) f.join();
                assertThat(q.verdict()).as("offline verdict").isEqualTo(OfflineVerdict.ADMIT);
                scannedAt.put(q.command().checkIn().membershipNumber(), q.command().checkIn().occurredAt());
            }
            assertThat(scannedAt.values()).allMatch(at -> !at.isBefore(outageStart));

            await("server back").atMost(Duration.ofSeconds(60)).until(restarted::isDone);
            await("queue drained").atMost(Duration.ofSeconds(60))
                    .until(() -> kiosk.snapshot().pendingCount() == 0 && rec.resultCount() >= SCANS);
            figure("kiosk outage: " + SCANS + " offline scans over " + OUTAGE.toSeconds() + " s drained "
                    + Duration.between(outageStart.plus(OUTAGE), Instant.now()).toMillis() + " ms after the restart");

            Set<String> numbers = members.stream().map(OfflineScans.Member::number).collect(Collectors.toSet());
            List<CheckInView> visits = history(server.get()).stream()
                    .filter(v -> numbers.contains(v.membershipNumber())).toList();
            assertThat(visits).as("every scan recorded once").hasSize(SCANS);
            assertThat(visits.stream().map(CheckInView::membershipNumber).distinct()).hasSize(SCANS);
            for (CheckInView v : visits) {
                assertThat(v.checkInTime()).as("original time of %s", v.membershipNumber())
                        .isEqualTo(scannedAt.get(v.membershipNumber()).truncatedTo(ChronoUnit.MILLIS));
            }
            Map<String, String> flagged = new HashMap<>();
            visits.stream().filter(v -> v.needsReview() != null)
                    .forEach(v -> flagged.put(v.membershipNumber(), v.needsReview().reason()));
            Map<String, String> expected = new HashMap<>();
            deactivated.forEach(m -> expected.put(m.number(), "MEMBER_INACTIVE"));
            expired.forEach(m -> expected.put(m.number(), "MEMBERSHIP_EXPIRED"));
            assertThat(flagged).isEqualTo(expected);
            assertThat(rec.results().values()).allSatisfy(list -> assertThat(list).hasSize(1)
                    .allMatch(o -> o instanceof ScanOutcome.Confirmed));
        } finally {
            pace.shutdownNow();
            server.get().close();
        }
    }

    private static void update(Connection db, String sql, String id) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, id);
            assertThat(ps.executeUpdate()).isPositive();
        }
    }
}
