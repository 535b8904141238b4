package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ScanOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CheckInDeskViewModelTest {
    /** Hands out open futures so each test decides when and how the "server" answers. */
    static final class FakeGateway implements ScanGateway {
        final List<String> calls = new ArrayList<>();
        final List<CompletableFuture<ScanOutcome>> answers = new ArrayList<>();
        boolean signInNeeded;

        @Override
        public CompletableFuture<ScanOutcome> checkIn(String membershipNumber) {
            calls.add("in " + membershipNumber);
            return next();
        }

        @Override
        public CompletableFuture<ScanOutcome> letIn(String membershipNumber, String reason) {
            calls.add("let in " + membershipNumber + " (" + reason + ")");
            return next();
        }

        @Override
        public boolean signInNeeded() {
            return signInNeeded;
        }

        @Override
        public CompletableFuture<ScanOutcome> checkOut(String checkInId, String membershipNumber) {
            calls.add("out " + checkInId + " " + membershipNumber);
            return next();
        }

        private CompletableFuture<ScanOutcome> next() {
            CompletableFuture<ScanOutcome> f = new CompletableFuture<>();
            answers.add(f);
            return f;
        }
    }

    private final FakeGateway gateway = new FakeGateway();
    private final UiQueue uiQueue = new UiQueue();
    private final CheckInDeskViewModel vm = new CheckInDeskViewModel(gateway,
            new ScanResultText(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC)), uiQueue);

    private void runUi() {
        uiQueue.run();
    }

    @Test
    void pendingUntilTheServerConfirmsThenSuccess() {
        List<ScanResult.Status> seen = new ArrayList<>();
        vm.addListener(r -> seen.add(r.status()));
        vm.setNumber(" M0001 ");
        assertThat(vm.checkIn()).isTrue();
        assertThat(gateway.calls).containsExactly("in M0001");
        assertThat(vm.number()).isEmpty();
        assertThat(vm.result().status()).isEqualTo(ScanResult.Status.PENDING);
        gateway.answers.get(0).complete(ScanResultTextTest.confirmed("Jane Doe", null));
        assertThat(vm.result().status()).as("the answer waits for the UI thread").isEqualTo(ScanResult.Status.PENDING);
        runUi();
        assertThat(vm.result().text()).isEqualTo("Checked in: Jane Doe");
        assertThat(seen).containsExactly(ScanResult.Status.PENDING, ScanResult.Status.SUCCESS);
    }

    @Test
    void rejectionShowsTheSpecificError() {
        vm.scanned("M0049");
        gateway.answers.get(0).complete(ScanResultTextTest.rejected("MEMBERSHIP_EXPIRED",
                Map.of("memberName", "X", "expiredOn", "2026-10-03")));
        runUi();
        assertThat(vm.result().status()).isEqualTo(ScanResult.Status.ERROR);
        assertThat(vm.result().text()).isEqualTo("X: membership expired on 3 Oct");
    }

    @Test
    void aFailedFutureIsAnErrorNotASuccess() {
        vm.scanned("M0001");
        gateway.answers.get(0).completeExceptionally(new java.sql.SQLException("disk full"));
        runUi();
        assertThat(vm.result().status()).isEqualTo(ScanResult.Status.ERROR);
        assertThat(vm.result().text()).isEqualTo("Scan not saved: try again");
    }

    @Test
    void aLateAnswerDoesNotOverwriteANewerScan() {
        vm.scanned("M0001");
        vm.scanned("M0002");
        gateway.answers.get(1).complete(ScanResultTextTest.rejected("MEMBER_NOT_FOUND", null));
        gateway.answers.get(0).complete(ScanResultTextTest.confirmed("Jane Doe", null));
        runUi();
        assertThat(vm.result().text()).isEqualTo("Member not found");
    }

    @Test
    void emptyFieldSendsNothing() {
        vm.setNumber("   ");
        assertThat(vm.checkIn()).isFalse();
        assertThat(vm.checkOut()).isFalse();
        assertThat(gateway.calls).isEmpty();
        assertThat(vm.result().status()).isEqualTo(ScanResult.Status.IDLE);
    }

    @Test
    void alreadyCheckedInOffersCheckOutOfThatVisit() {
        vm.scanned("M0001");
        gateway.answers.get(0).complete(ScanResultTextTest.rejected("ALREADY_CHECKED_IN",
                Map.of("checkInId", "v9", "since", "2026-11-27T09:12:00Z", "location", "Front desk")));
        runUi();
        assertThat(vm.result().text()).isEqualTo("Already checked in at 09:12 at Front desk");
        assertThat(vm.checkOutOpenVisit()).isTrue();
        assertThat(gateway.calls).containsExactly("in M0001", "out v9 null");
        gateway.answers.get(1).complete(ScanResultTextTest.confirmed("Jane Doe", Instant.parse("2026-11-27T10:00:00Z")));
        runUi();
        assertThat(vm.result().text()).isEqualTo("Checked out: Jane Doe");
        assertThat(vm.checkOutOpenVisit()).isFalse();
    }

    @Test
    void aQueuedLineTurnsIntoTheServersLaterAnswer() {
        vm.scanned("M0001");
        gateway.answers.get(0).complete(queued("q1"));
        runUi();
        assertThat(vm.result().text()).isEqualTo("Queued: will sync when the server is back");
        vm.laterAnswer("other", true, ScanResultTextTest.confirmed("Someone Else", null));
        assertThat(vm.result().status()).as("another scan's answer").isEqualTo(ScanResult.Status.QUEUED);
        vm.laterAnswer("q1", true, ScanResultTextTest.confirmed("Jane Doe", null));
        assertThat(vm.result().text()).isEqualTo("Synced: Checked in: Jane Doe");
        assertThat(vm.result().status()).isEqualTo(ScanResult.Status.SUCCESS);
    }

    @Test
    void aQueuedScanSaysItWaitsForASignInOnceTheSessionEndsAndForTheServerAfterIt() {
        vm.scanned("M0001");
        gateway.answers.get(0).complete(queued("q1"));
        runUi();
        assertThat(vm.panel().shown().headline()).isEqualTo("Queued");
        String savedAt = vm.panel().shown().answeredAt();

        gateway.signInNeeded = true;
        vm.connectionChanged(com.avgym.client.ConnectionState.AUTH_REQUIRED);
        assertThat(vm.result().text()).isEqualTo(ScanResultText.SAVED_SIGN_IN);
        assertThat(vm.panel().shown().headline()).isEqualTo("Saved");
        assertThat(vm.panel().shown().advice()).isEqualTo(ScanResultText.SAVED_SIGN_IN);
        assertThat(vm.panel().shown().answeredAt()).as("still the time it was kept").isEqualTo(savedAt);

        gateway.signInNeeded = false;
        vm.connectionChanged(com.avgym.client.ConnectionState.CONNECTING);
        assertThat(vm.result().text()).isEqualTo(ScanResultText.QUEUED);
        assertThat(vm.panel().shown().headline()).isEqualTo("Queued");

        vm.laterAnswer("q1", true, ScanResultTextTest.confirmed("Jane Doe", null));
        vm.connectionChanged(com.avgym.client.ConnectionState.LIVE);
        assertThat(vm.result().text()).as("an answered scan is not touched").isEqualTo("Synced: Checked in: Jane Doe");
    }

    @Test
    void aLaterAnswerForAnOlderScanLeavesTheNewerLineAlone() {
        vm.scanned("M0001");
        gateway.answers.get(0).complete(queued("q1"));
        runUi();
        vm.scanned("M0002");
        vm.laterAnswer("q1", true, ScanResultTextTest.confirmed("Jane Doe", null));
        assertThat(vm.result().text()).isEqualTo("Checking in M0002...");
    }

    private static ScanOutcome.Queued queued(String id) {
        return new ScanOutcome.Queued(id, new com.avgym.client.QueuedCommand(1,
                new com.avgym.protocol.message.CheckInCommand(id, "M0001", null, "Front desk", null,
                        Instant.parse("2026-11-27T10:00:00Z")), null));
    }

    @Test
    void checkOutByNumber() {
        vm.setNumber("M0003");
        assertThat(vm.checkOut()).isTrue();
        assertThat(gateway.calls).containsExactly("out null M0003");
        assertThat(vm.result().text()).isEqualTo("Checking out M0003...");
    }
}
