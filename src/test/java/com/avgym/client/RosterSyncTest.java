package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.fake.FakeApi;
import com.avgym.client.fake.FakeScheduler;
import com.avgym.client.fake.HeldExecutor;
import com.avgym.protocol.message.RosterEntry;
import com.avgym.protocol.message.RosterPage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster's triggers on a fake clock: sign-in, reconnection, member_updated, the 10-minute period. */
class RosterSyncTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final RosterEntry JANE = new RosterEntry("id-1", "M0001", "Jane", "active",
            LocalDate.parse("2026-12-31"), "Monthly", null);
    private static final RosterEntry BOB = new RosterEntry("id-2", "M0002", "Bob", "inactive", null, null, null);

    @TempDir
    Path dir;
    private final FakeScheduler clock = new FakeScheduler(T0);
    private final FakeApi api = new FakeApi();
    private final HeldExecutor net = new HeldExecutor();
    private final List<RosterStore.State> synced = new ArrayList<>();
    private String token = "access";
    private RosterStore store;
    private RosterSync sync;

    @BeforeEach
    void setUp() throws Exception {
        store = new RosterStore(dir.resolve("client.db"));
        sync = new RosterSync(clock, new Timers(clock), store, api, Runnable::run, net, () -> token, synced::add);
        sync.load();
        clock.runDue();
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    private void answer(long version, boolean full, List<RosterEntry> members, List<String> removed) {
        api.roster = () -> new RosterPage(version, full, members, removed);
    }

    @Test
    void theFirstSignInFetchesEverythingAndLaterChangesOnlyTheDelta() throws Exception {
        answer(5, true, List.of(JANE, BOB), List.of());
        sync.connectionChanged(true, true);
        clock.runDue();
        assertThat(api.rosterSince).containsExactly(0L);
        assertThat(store.all()).containsExactly(JANE, BOB);
        assertThat(synced).containsExactly(new RosterStore.State(5, T0));

        clock.advance(Duration.ofSeconds(30));
        answer(6, false, List.of(), List.of("id-2"));
        sync.memberUpdated(6);
        clock.runDue();
        assertThat(api.rosterSince).containsExactly(0L, 5L);
        assertThat(store.all()).containsExactly(JANE);
        assertThat(sync.known()).isEqualTo(new RosterStore.State(6, T0.plusSeconds(30)));
    }

    @Test
    void memberUpdatedNotNewerThanTheRosterFetchesNothing() {
        answer(5, true, List.of(JANE), List.of());
        sync.connectionChanged(true, true);
        clock.runDue();
        sync.memberUpdated(5);
        sync.memberUpdated(4);
        clock.runDue();
        assertThat(api.rosterSince).containsExactly(0L);
    }

    @Test
    void aStoredRosterIsContinuedAfterARestartOfTheDesk() throws Exception {
        store.apply(new RosterPage(12, true, List.of(JANE), List.of()), T0.minusSeconds(3600));
        RosterSync restarted = new RosterSync(clock, new Timers(clock), store, api, Runnable::run, net, () -> token,
                synced::add);
        restarted.load();
        clock.runDue();
        answer(12, false, List.of(), List.of());
        restarted.connectionChanged(true, true);
        clock.runDue();
        assertThat(api.rosterSince).containsExactly(12L);
    }

    @Test
    void everyArrivalInLiveSyncsAndTheServersFullAnswerReplaces() throws Exception {
        answer(5, true, List.of(JANE, BOB), List.of());
        sync.connectionChanged(true, true);
        clock.runDue();
        sync.connectionChanged(false, false); // RECONNECTING
        clock.advance(Duration.ofMinutes(3));
        // The server kept no removals that far back (or was restored): it answers the whole roster.
        answer(40, true, List.of(BOB), List.of());
        sync.connectionChanged(true, true);
        clock.runDue();
        assertThat(api.rosterSince).containsExactly(0L, 5L);
        assertThat(store.all()).containsExactly(BOB);
        assertThat(store.state().version()).isEqualTo(40);
    }

    @Test
    void everyTenMinutesWhileLiveOrBackupAndNeverWhileOffline() {
        answer(5, true, List.of(JANE), List.of());
        sync.connectionChanged(true, true);
        clock.runDue();
        clock.advance(RosterSync.PERIOD.minusSeconds(1));
        assertThat(api.rosterSince).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(api.rosterSince).hasSize(2);

        sync.connectionChanged(false, true); // BACKUP: REST still answers
        clock.advance(RosterSync.PERIOD);
        assertThat(api.rosterSince).hasSize(3);

        sync.connectionChanged(false, false); // OFFLINE
        clock.advance(RosterSync.PERIOD.multipliedBy(5));
        assertThat(api.rosterSince).hasSize(3);
    }

    @Test
    void theTenMinutesCountFromTheLastSyncWhateverTriggeredIt() {
        answer(5, true, List.of(JANE), List.of());
        sync.connectionChanged(true, true);
        clock.runDue();
        clock.advance(Duration.ofMinutes(6));
        answer(6, false, List.of(), List.of());
        sync.memberUpdated(6);
        clock.runDue();
        clock.advance(Duration.ofMinutes(9));
        assertThat(api.rosterSince).containsExactly(0L, 5L);
        clock.advance(Duration.ofMinutes(1));
        assertThat(api.rosterSince).containsExactly(0L, 5L, 6L);
    }

    @Test
    void neverTwoSyncsAtOnceAndTriggersDuringOneAreServedOnceAfterIt() {
        answer(5, true, List.of(JANE), List.of());
        net.hold(true);
        sync.connectionChanged(true, true);
        clock.runDue();
        sync.memberUpdated(7);
        sync.memberUpdated(8);
        sync.connectionChanged(true, true);
        clock.runDue();
        assertThat(net.heldCount()).isEqualTo(1);

        net.hold(false);
        answer(8, false, List.of(BOB), List.of());
        net.release();
        clock.runDue();
        // The held request answered version 8 (scripted now); the triggers during it make exactly one more sync.
        assertThat(api.rosterSince).containsExactly(0L, 8L);
        assertThat(sync.known().version()).isEqualTo(8);
    }

    @Test
    void aServerThatNeverReachesTheAnnouncedVersionIsAskedOnceMoreNotForever() {
        answer(5, true, List.of(JANE), List.of());
        sync.connectionChanged(true, true);
        clock.runDue();
        net.hold(true);
        answer(60, false, List.of(), List.of());
        sync.memberUpdated(60);
        clock.runDue();
        sync.memberUpdated(70); // announced during the sync
        net.hold(false);
        answer(3, true, List.of(BOB), List.of()); // restored from a backup: version 3 only
        net.release();
        clock.runDue();
        assertThat(api.rosterSince).containsExactly(0L, 5L, 3L);
        clock.runDue();
        assertThat(api.rosterSince).hasSize(3);
    }

    @Test
    void aFailedSyncWaitsForTheNextTriggerAndChangesNothing() throws Exception {
        api.roster = () -> {
            throw new IOException("connection refused");
        };
        sync.connectionChanged(true, true);
        clock.runDue();
        assertThat(api.rosterSince).containsExactly(0L);
        assertThat(synced).isEmpty();
        assertThat(store.state().synced()).isFalse();
        clock.advance(RosterSync.PERIOD.minusSeconds(1));
        assertThat(api.rosterSince).hasSize(1);

        answer(5, true, List.of(JANE), List.of());
        clock.advance(Duration.ofSeconds(1));
        assertThat(api.rosterSince).containsExactly(0L, 0L);
        assertThat(store.all()).containsExactly(JANE);
    }

    @Test
    void aServerErrorLeavesTheStoredRosterAsItWas() throws Exception {
        answer(5, true, List.of(JANE), List.of());
        sync.connectionChanged(true, true);
        clock.runDue();
        api.roster = () -> {
            throw new ApiException(503, "UNAVAILABLE", "draining", null, "{}");
        };
        sync.memberUpdated(6);
        clock.runDue();
        assertThat(store.all()).containsExactly(JANE);
        assertThat(sync.known()).isEqualTo(new RosterStore.State(5, T0));
    }

    @Test
    void withoutATokenOrAfterStopNothingIsFetched() {
        answer(5, true, List.of(JANE), List.of());
        token = null;
        sync.connectionChanged(true, true);
        sync.memberUpdated(9);
        clock.runDue();
        assertThat(api.rosterSince).isEmpty();

        token = "access";
        sync.connectionChanged(true, true);
        clock.runDue();
        sync.stop();
        sync.memberUpdated(9);
        clock.advance(RosterSync.PERIOD.multipliedBy(3));
        assertThat(api.rosterSince).containsExactly(0L);
    }
}
