package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.RosterEntry;
import com.avgym.protocol.message.RosterPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterStoreTest {
    private static final Instant T1 = Instant.parse("2026-12-02T10:42:00Z");
    private static final Instant T2 = Instant.parse("2026-12-02T10:52:00Z");

    @TempDir
    Path dir;

    static RosterEntry member(String id, String number, String name, String status, LocalDate end) {
        return new RosterEntry(id, number, name, status, end, end == null ? null : "Monthly", "\"etag-" + id + "\"");
    }

    private static final RosterEntry JANE = member("id-1", "M0001", "Jane Doe", "active", LocalDate.parse("2026-12-31"));
    private static final RosterEntry BOB = member("id-2", "m0002", "Bob Stone", "inactive", null);
    private static final RosterEntry ANA = member("id-3", "M0003", "Ana 100% Lopez", "active", LocalDate.parse("2026-11-01"));

    @Test
    void aNewStoreIsAtVersionZeroAndNeverSynced() throws Exception {
        try (RosterStore store = new RosterStore(dir.resolve("client.db"))) {
            assertThat(store.state()).isEqualTo(new RosterStore.State(0, null));
            assertThat(store.state().synced()).isFalse();
            assertThat(store.byNumber("M0001")).isEmpty();
        }
    }

    @Test
    void aFullPageReplacesEverythingAndADeltaUpsertsAndRemoves() throws Exception {
        try (RosterStore store = new RosterStore(dir.resolve("client.db"))) {
            store.apply(new RosterPage(5, true, List.of(JANE, BOB), List.of()), T1);
            RosterEntry janeRenewed = member("id-1", "M0001", "Jane Doe-Smith", "active", LocalDate.parse("2027-06-30"));
            RosterStore.State s = store.apply(new RosterPage(7, false, List.of(janeRenewed, ANA), List.of("id-2")), T2);

            assertThat(s).isEqualTo(new RosterStore.State(7, T2));
            assertThat(store.state()).isEqualTo(s);
            assertThat(store.all()).containsExactly(janeRenewed, ANA);

            store.apply(new RosterPage(9, true, List.of(BOB), List.of()), T2);
            assertThat(store.all()).containsExactly(BOB);
            assertThat(store.state().version()).isEqualTo(9);
        }
    }

    @Test
    void anEmptyDeltaStillMovesTheRostersAge() throws Exception {
        try (RosterStore store = new RosterStore(dir.resolve("client.db"))) {
            store.apply(new RosterPage(3, true, List.of(JANE), List.of()), T1);
            store.apply(new RosterPage(3, false, List.of(), List.of()), T2);
            assertThat(store.state()).isEqualTo(new RosterStore.State(3, T2));
            assertThat(store.all()).containsExactly(JANE);
        }
    }

    @Test
    void aPageThatFailsHalfwayChangesNothing() throws Exception {
        try (RosterStore store = new RosterStore(dir.resolve("client.db"))) {
            store.apply(new RosterPage(3, true, List.of(JANE, BOB), List.of()), T1);
            // The second entry has no name (NOT NULL): the whole page, including the full replace, rolls back.
            RosterEntry broken = new RosterEntry("id-9", "M0009", null, "active", null, null, null);
            assertThatThrownBy(() -> store.apply(new RosterPage(4, true, List.of(ANA, broken), List.of()), T2))
                    .isInstanceOf(RuntimeException.class);
            assertThat(store.all()).containsExactly(JANE, BOB);
            assertThat(store.state()).isEqualTo(new RosterStore.State(3, T1));
        }
    }

    @Test
    void numbersMatchTrimmedAndInAnyCaseAsTheServerMatchesThem() throws Exception {
        try (RosterStore store = new RosterStore(dir.resolve("client.db"))) {
            store.apply(new RosterPage(1, true, List.of(JANE, BOB), List.of()), T1);
            assertThat(store.byNumber("m0001")).contains(JANE);
            assertThat(store.byNumber("  M0001 ")).contains(JANE);
            assertThat(store.byNumber("M0002")).contains(BOB);
            assertThat(store.byNumber("M000")).isEmpty();
            assertThat(store.byNumber(" ")).isEmpty();
            assertThat(store.byNumber(null)).isEmpty();
        }
    }

    @Test
    void searchFindsNameOrNumberSubstringsByNameAndTakesWildcardsLiterally() throws Exception {
        try (RosterStore store = new RosterStore(dir.resolve("client.db"))) {
            store.apply(new RosterPage(1, true, List.of(JANE, BOB, ANA), List.of()), T1);
            assertThat(store.search("o", 10)).containsExactly(ANA, BOB, JANE);
            assertThat(store.search("o", 2)).containsExactly(ANA, BOB);
            assertThat(store.search("STONE", 10)).containsExactly(BOB);
            assertThat(store.search("0002", 10)).containsExactly(BOB);
            assertThat(store.search("M000", 10)).containsExactly(ANA, BOB, JANE);
            assertThat(store.search("100%", 10)).containsExactly(ANA);
            assertThat(store.search("%", 10)).containsExactly(ANA);
            assertThat(store.search("_", 10)).isEmpty();
        }
    }

    @Test
    void theRosterSurvivesReopeningBesideTheOfflineQueueInTheSameFile() throws Exception {
        Path file = dir.resolve("data").resolve("client.db");
        try (OfflineQueue queue = new OfflineQueue(file); RosterStore store = new RosterStore(file)) {
            store.apply(new RosterPage(2, true, List.of(JANE), List.of()), T1);
            queue.add(new CheckInCommand("r1", "M0001", null, "Front desk", null, T1), null);
        }
        try (OfflineQueue queue = new OfflineQueue(file); RosterStore store = new RosterStore(file)) {
            assertThat(store.state()).isEqualTo(new RosterStore.State(2, T1));
            assertThat(store.byNumber("M0001")).contains(JANE);
            assertThat(queue.all()).extracting(QueuedCommand::clientRequestId).containsExactly("r1");
        }
    }

    @Test
    void theFileAndItsWalAndShmAreOwnerOnly() throws Exception {
        Path file = dir.resolve("client.db");
        try (OfflineQueue queue = new OfflineQueue(file); RosterStore store = new RosterStore(file)) {
            store.apply(new RosterPage(1, true, List.of(JANE), List.of()), T1);
            for (Path p : List.of(file, Path.of(file + "-wal"), Path.of(file + "-shm"))) {
                assertThat(p).exists();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void aFileAnEarlierVersionLeftReadableIsNarrowed() throws Exception {
        Path file = dir.resolve("client.db");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try (RosterStore store = new RosterStore(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void writesWhileTheQueueHoldsAWriteTransactionWaitInsteadOfFailing() throws Exception {
        Path file = dir.resolve("client.db");
        List<RosterEntry> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(member("id-" + i, "M" + i, "Member " + i, "active", LocalDate.parse("2027-01-01")));
        }
        try (OfflineQueue queue = new OfflineQueue(file); RosterStore store = new RosterStore(file)) {
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200; i++) {
                    try {
                        queue.add(new CheckInCommand("q" + i, "M1", null, "Front desk", null, T1), null);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            for (int round = 0; round < 5; round++) {
                store.apply(new RosterPage(round + 1, true, many, List.of()), T1);
            }
            writer.join();
            assertThat(queue.all()).hasSize(200);
            assertThat(store.size()).isEqualTo(2_000);
        }
    }
}
