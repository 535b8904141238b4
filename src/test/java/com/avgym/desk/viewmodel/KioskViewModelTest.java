package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ConnectionSnapshot;
import com.avgym.client.ConnectionState;
import com.avgym.client.QueuedCommand;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ErrorPayload;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class KioskViewModelTest {
    private final ManualDelay delay = new ManualDelay();
    private final UiQueue ui = new UiQueue();
    private final List<Chime.Cue> cues = new ArrayList<>();
    private final List<CompletableFuture<ScanOutcome>> sent = new ArrayList<>();
    private final List<String> numbers = new ArrayList<>();
    private int changes;
    private final ScanGateway gateway = new ScanGateway() {
        @Override
        public CompletableFuture<ScanOutcome> checkIn(String membershipNumber) {
            numbers.add(membershipNumber);
            CompletableFuture<ScanOutcome> f = new CompletableFuture<>();
            sent.add(f);
            return f;
        }

        @Override
        public CompletableFuture<ScanOutcome> letIn(String membershipNumber, String reason) {
            throw new AssertionError("a kiosk never overrides");
        }

        @Override
        public CompletableFuture<ScanOutcome> checkOut(String checkInId, String membershipNumber) {
            throw new AssertionError("a kiosk never checks out");
        }
    };
    private final KioskViewModel model = new KioskViewModel(gateway, new KioskResultText(Samples.CLOCK), delay,
            cues::add, ui, Samples.CLOCK);

    {
        model.onChange(() -> changes++);
    }

    private static ScanOutcome confirmed(String name) {
        return new ScanOutcome.Confirmed("r1", new CommandResult("r1",
                Samples.open("v1", "M0003", name, Samples.NOW), null, false));
    }

    private static ScanOutcome queued(OfflineVerdict verdict) {
        return new ScanOutcome.Queued("r1", new QueuedCommand(1, null, null), verdict, verdict == null ? null : Samples.NOW);
    }

    private static ConnectionSnapshot state(ConnectionState state, int pending) {
        return new ConnectionSnapshot(state, null, null, 0, pending, -1, null);
    }

    private void answer(int i, ScanOutcome outcome) {
        sent.get(i).complete(outcome);
        ui.run();
    }

    @Test
    void aWelcomeFillsTheScreenForFourSecondsByFirstNameWithThePhotoThenTheKioskIsReadyAgain() {
        model.scanned("M0003");
        assertThat(numbers).containsExactly("M0003");
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.CHECKING);

        answer(0, confirmed("Jane Smith"));

        KioskScreen s = model.screen();
        assertThat(s.kind()).isEqualTo(KioskScreen.Kind.RESULT);
        assertThat(s.tone()).isEqualTo(KioskScreen.Tone.GREEN);
        assertThat(s.headline()).isEqualTo("Welcome, Jane");
        assertThat(s.memberId()).isEqualTo("id-M0003");
        assertThat(cues).containsExactly(Chime.Cue.ADMITTED);
        delay.advance(KioskViewModel.RESULT_FOR.minusMillis(1));
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.RESULT);
        delay.advance(Duration.ofMillis(1));
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.READY);
    }

    @Test
    void aNewScanReplacesTheResultAndALateAnswerToTheOldOneIsDropped() {
        model.scanned("M0003");
        model.scanned("M0004");
        answer(1, confirmed("Bob Stone"));
        answer(0, confirmed("Jane Smith"));
        assertThat(model.screen().headline()).isEqualTo("Welcome, Bob");
        assertThat(cues).containsExactly(Chime.Cue.ADMITTED);

        // The first result's reset must not cut the second one short.
        delay.advance(Duration.ofSeconds(3));
        model.scanned("M0005");
        answer(2, new ScanOutcome.Rejected("r3", new ErrorPayload("MEMBER_NOT_FOUND", "no", false, "r3", Map.of())));
        delay.advance(Duration.ofSeconds(2));
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.RESULT);
        assertThat(model.screen().headline()).isEqualTo(KioskResultText.NOT_RECOGNISED);
        delay.advance(Duration.ofSeconds(2));
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.READY);
    }

    @Test
    void aRefusalIsRedInTheMembersWordsAndSendsThemToTheDesk() {
        model.scanned("M0007");
        answer(0, new ScanOutcome.Rejected("r1", new ErrorPayload("MEMBERSHIP_EXPIRED", "expired", false, "r1",
                Map.of("expiredOn", "2026-03-03", "memberName", "Jane Smith"))));
        assertThat(model.screen().tone()).isEqualTo(KioskScreen.Tone.RED);
        assertThat(model.screen().headline()).isEqualTo("Your membership ended on 3 March");
        assertThat(model.screen().detail()).isEqualTo("Please see the front desk");
        assertThat(cues).containsExactly(Chime.Cue.REFUSED);
    }

    @Test
    void anOfflineAdmitIsAmberAndAQueuedScanWithoutAVerdictOnlySaysItWasSaved() {
        model.scanned("M0003");
        answer(0, queued(OfflineVerdict.ADMIT));
        assertThat(model.screen().tone()).isEqualTo(KioskScreen.Tone.AMBER);
        assertThat(model.screen().headline()).isEqualTo("Checked in offline");
        model.scanned("M0004");
        answer(1, queued(null));
        assertThat(model.screen().tone()).isEqualTo(KioskScreen.Tone.AMBER);
        assertThat(model.screen().headline()).isEqualTo("Scan saved, we will confirm it shortly");
        model.scanned("M0009");
        answer(2, queued(OfflineVerdict.UNKNOWN));
        assertThat(model.screen().tone()).isEqualTo(KioskScreen.Tone.RED);
        assertThat(model.screen().headline()).isEqualTo("Card not recognised");
        assertThat(cues).containsExactly(Chime.Cue.QUEUED, Chime.Cue.QUEUED, Chime.Cue.REFUSED);
    }

    @Test
    void aScanThatCouldNotBeSavedIsRedNeverATechnicalMessage() {
        model.scanned("M0003");
        sent.get(0).completeExceptionally(new IOException("disk full at /home/kiosk/.avgym/desk-queue.db"));
        ui.run();
        assertThat(model.screen().tone()).isEqualTo(KioskScreen.Tone.RED);
        assertThat(model.screen().headline()).isEqualTo("We could not check you in").doesNotContain("disk");
    }

    @Test
    void twoMinutesWithoutAnyoneShowTheAttractScreenAndAnyKeyOrScanWakesIt() {
        delay.advance(KioskViewModel.IDLE_AFTER.minusSeconds(1));
        model.activity();
        delay.advance(Duration.ofSeconds(119));
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.READY);
        delay.advance(Duration.ofSeconds(1));
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.ATTRACT);

        model.activity();
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.READY);

        delay.advance(KioskViewModel.IDLE_AFTER);
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.ATTRACT);
        model.scanned("M0003");
        assertThat(numbers).containsExactly("M0003");
        answer(0, confirmed("Jane Smith"));
        assertThat(model.screen().headline()).isEqualTo("Welcome, Jane");
    }

    @Test
    void theIdleWaitStartsAgainWhenAResultIsCleared() {
        delay.advance(Duration.ofSeconds(100));
        model.scanned("M0003");
        answer(0, confirmed("Jane Smith"));
        delay.advance(KioskViewModel.RESULT_FOR);
        delay.advance(Duration.ofSeconds(100));
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.READY);
        delay.advance(Duration.ofSeconds(20));
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.ATTRACT);
    }

    @Test
    void aRefusedDeviceSessionTakesTheKioskOutOfServiceUntilStaffSignItIn() {
        model.scanned("M0003");
        model.connection(state(ConnectionState.AUTH_REQUIRED, 1));
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.OUT_OF_SERVICE);
        answer(0, queued(null));
        model.scanned("M0004");
        delay.advance(KioskViewModel.IDLE_AFTER.multipliedBy(2));
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.OUT_OF_SERVICE);
        assertThat(numbers).containsExactly("M0003");
        assertThat(cues).isEmpty();

        model.connection(state(ConnectionState.CONNECTING, 1));
        model.signedIn();
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.READY);
        model.connection(state(ConnectionState.LIVE, 0));
        assertThat(model.screen().kind()).isEqualTo(KioskScreen.Kind.READY);
    }

    @Test
    void theDotIsGreenWhileScansReachTheServerAndAmberWithTheWaitingCountOffline() {
        assertThat(model.status().dot()).isEqualTo(KioskStatus.Dot.CONNECTING);
        model.connection(state(ConnectionState.LIVE, 0));
        assertThat(model.status().dot()).isEqualTo(KioskStatus.Dot.LIVE);
        assertThat(model.status().text()).isEmpty();
        model.connection(state(ConnectionState.BACKUP, 2));
        assertThat(model.status().dot()).isEqualTo(KioskStatus.Dot.LIVE);
        model.connection(state(ConnectionState.OFFLINE, 3));
        assertThat(model.status().dot()).isEqualTo(KioskStatus.Dot.OFFLINE);
        assertThat(model.status().text()).isEqualTo("3");
        int before = changes;
        model.connection(state(ConnectionState.RECONNECTING, 4));
        assertThat(changes).isGreaterThan(before);
        assertThat(model.status().text()).isEqualTo("4");
    }

    @Test
    void theClockShowsTheGymsTime() {
        // 10:00Z is 13:00 in the sample zone (UTC+3).
        assertThat(model.time()).isEqualTo("13:00");
        assertThat(model.date()).isEqualTo("Friday 27 November");
    }
}
