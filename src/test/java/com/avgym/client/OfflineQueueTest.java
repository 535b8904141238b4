package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckOutCommand;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineQueueTest {
    @TempDir
    Path dir;

    private static CheckInCommand in(String id, String number) {
        return new CheckInCommand(id, number, null, "Front desk", "n\u0007'; DROP TABLE pending; --",
                Instant.parse("2026-11-27T08:00:00Z"));
    }

    @Test
    void keepsOrderAndSurvivesReopening() throws Exception {
        Path file = dir.resolve("q.db");
        try (OfflineQueue q = new OfflineQueue(file)) {
            q.add(in("a", "M0001"), null);
            q.add(null, new CheckOutCommand("b", null, "M0002", Instant.parse("2026-11-27T08:01:00Z")));
            q.add(in("c", "M0003"), null);
            q.remove("a");
        }
        try (OfflineQueue q = new OfflineQueue(file)) {
            assertThat(q.all()).extracting(QueuedCommand::clientRequestId).containsExactly("b", "c");
            QueuedCommand c = q.all().get(1);
            assertThat(c.checkIn().occurredAt()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
            assertThat(c.checkIn().notes()).isEqualTo("n\u0007'; DROP TABLE pending; --");
            assertThat(q.all().getFirst().isCheckIn()).isFalse();
            assertThat(q.all().getFirst().label()).isEqualTo("M0002");
        }
    }

    @Test
    void addingTheSameRequestTwiceKeepsOneEntryAndItsPosition() throws Exception {
        try (OfflineQueue q = new OfflineQueue(dir.resolve("q.db"))) {
            QueuedCommand first = q.add(in("a", "M0001"), null);
            q.add(in("b", "M0002"), null);
            QueuedCommand again = q.add(in("a", "M0001"), null);
            assertThat(again.position()).isEqualTo(first.position());
            assertThat(q.all()).extracting(QueuedCommand::clientRequestId).containsExactly("a", "b");
        }
    }

    @Test
    void aQueuedCheckInIsRewrittenInPlaceWithItsOfflineVerdict() throws Exception {
        try (OfflineQueue q = new OfflineQueue(dir.resolve("q.db"))) {
            QueuedCommand a = q.add(in("a", "M0001"), null);
            q.add(in("b", "M0002"), null);
            QueuedCommand decided = q.replace(in("a", "M0001").withOfflineVerdict(
                    com.avgym.protocol.OfflineVerdict.REFUSE_EXPIRED, 7));
            assertThat(decided.position()).isEqualTo(a.position());
            assertThat(q.all()).extracting(QueuedCommand::clientRequestId).containsExactly("a", "b");
            assertThat(q.all().getFirst().checkIn().offlineVerdict()).isEqualTo(com.avgym.protocol.OfflineVerdict.REFUSE_EXPIRED);
            assertThat(q.all().getFirst().checkIn().rosterVersion()).isEqualTo(7L);
            q.remove("a");
            assertThat(q.replace(in("a", "M0001").withOfflineVerdict(com.avgym.protocol.OfflineVerdict.ADMIT, 7))).isNull();
            assertThat(q.all()).extracting(QueuedCommand::clientRequestId).containsExactly("b");
        }
    }
}
