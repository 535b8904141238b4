package com.avgym.client;

import static com.avgym.client.support.ClientFixture.base;
import static com.avgym.client.support.ClientFixture.config;
import static com.avgym.client.support.ClientFixture.history;
import static com.avgym.client.support.ClientFixture.startServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.avgym.client.support.ClientRecorder;
import com.avgym.client.support.QueueScansThenBlock;
import com.avgym.protocol.message.CheckInView;
import com.avgym.server.support.TestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desk's JVM is killed (SIGKILL) with scans in its queue; a new desk on the same queue file delivers them all. */
class ClientKillTest {
    private static final int SCANS = 20;

    @TempDir
    Path tmp;

    @Test
    void scansQueuedByAKilledJvmAreDeliveredOnceWithTheirOriginalTimes() throws Exception {
        Path queueFile = tmp.resolve("desk-queue.db");
        Path out = tmp.resolve("child.out");
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // free again once closed: nothing listens there
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                QueueScansThenBlock.class.getName(), queueFile.toString(), Integer.toString(deadPort), Integer.toString(SCANS))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Map<String, Instant> scanned = new HashMap<>();
        Map<String, String> memberOf = new HashMap<>();
        try {
            await("child queued its scans").atMost(Duration.ofSeconds(60))
                    .until(() -> !child.isAlive() || Files.readString(out).contains("QUEUED " + SCANS));
            assertThat(child.isAlive()).as("child still running; output:%n%s", Files.readString(out)).isTrue();
            for (String line : Files.readAllLines(out)) {
                if (line.startsWith("SCAN ")) {
                    String[] p = line.split(" ");
                    scanned.put(p[1], Instant.parse(p[3]));
                    memberOf.put(p[1], p[2]);
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed, not exited").isNotZero();
        assertThat(scanned).hasSize(SCANS);

        try (TestServer server = startServer(UnaryOperator.identity());
             ConnectionService desk = ConnectionService.create(config(base(server), queueFile))) {
            ClientRecorder rec = new ClientRecorder();
            desk.addListener(rec);
            assertThat(desk.pendingScans().get(10, TimeUnit.SECONDS)).extracting(QueuedCommand::clientRequestId)
                    .containsExactlyInAnyOrderElementsOf(scanned.keySet());
            desk.signIn("desk", TestServer.PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> rec.resultCount() >= SCANS && desk.snapshot().pendingCount() == 0);

            assertThat(rec.results()).hasSize(SCANS).containsOnlyKeys(scanned.keySet());
            assertThat(rec.results().values()).allSatisfy(list -> {
                assertThat(list).hasSize(1);
                assertThat(list.getFirst()).isInstanceOf(ScanOutcome.Confirmed.class);
            });
            List<CheckInView> visits = history(server);
            assertThat(visits).hasSize(SCANS);
            Map<String, Instant> byMember = new HashMap<>();
            scanned.forEach((id, at) -> byMember.put(memberOf.get(id), at.truncatedTo(ChronoUnit.MILLIS)));
            for (CheckInView v : visits) {
                assertThat(v.checkInTime()).as("time of %s", v.membershipNumber()).isEqualTo(byMember.get(v.membershipNumber()));
            }
            assertThat(desk.pendingScans().get(10, TimeUnit.SECONDS)).isEmpty();
        }
    }
}
