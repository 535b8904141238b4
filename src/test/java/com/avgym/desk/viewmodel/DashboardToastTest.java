package com.avgym.desk.viewmodel;

import static com.avgym.desk.viewmodel.DashboardFixture.at;
import static com.avgym.desk.viewmodel.DashboardFixture.checkInCommand;
import static com.avgym.desk.viewmodel.DashboardFixture.confirmed;
import static com.avgym.desk.viewmodel.DashboardFixture.in;
import static com.avgym.desk.viewmodel.DashboardFixture.out;
import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.QueuedCommand;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CheckOutCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Toasts: only for other desks' check-ins and check-outs, one at a time, summed up when many arrive. */
class DashboardToastTest {
    /** The desk's own scan path: every call gets an open future, answered when the test says. */
    static final class FakeGateway implements ScanGateway {
        final List<CompletableFuture<ScanOutcome>> answers = new ArrayList<>();

        @Override
        public CompletableFuture<ScanOutcome> checkIn(String membershipNumber) {
            answers.add(new CompletableFuture<>());
            return answers.getLast();
        }

        @Override
        public CompletableFuture<ScanOutcome> letIn(String membershipNumber, String reason) {
            return checkIn(membershipNumber);
        }

        @Override
        public CompletableFuture<ScanOutcome> checkOut(String checkInId, String membershipNumber) {
            return checkIn(membershipNumber);
        }
    }

    private final DashboardFixture f = new DashboardFixture();
    private final FakeGateway inner = new FakeGateway();
    private final ScanGateway gateway = f.vm.recording(inner);
    private final CheckInView jane = in("v1", "M0001", "Jane Doe", at("10:00"), "Side door");

    @Test
    void anotherDesksCheckInAndCheckOutMakeAToast() {
        f.started();
        f.checkedIn(jane);
        assertThat(texts()).containsExactly("Jane Doe checked in at Side door");
        assertThat(f.toasts.getFirst().visibleFor()).isEqualTo(DashboardViewModel.TOAST_VISIBLE);

        f.clock.advance(Duration.ofSeconds(5));
        f.checkedOut(out(jane, f.clock.instant()));
        assertThat(texts()).containsExactly("Jane Doe checked in at Side door", "Jane Doe checked out");
    }

    @Test
    void ourOwnScanMakesNoToastWhileItWaitsForItsAnswerAndJustAfter() {
        f.started();
        gateway.checkIn("m0001");
        // The server broadcasts the check-in before it answers the desk that asked for it.
        f.checkedIn(jane);
        String requestId = "r1";
        inner.answers.getFirst().complete(confirmed(requestId, jane));
        f.vm.onScanResult(checkInCommand(requestId, "m0001"), confirmed(requestId, jane));
        f.runUi();
        assertThat(f.toasts).isEmpty();

        // Another desk checks her out 8 s later: a check-out is not the check-in we scanned.
        f.clock.advance(Duration.ofSeconds(8));
        f.checkedOut(out(jane, f.clock.instant()));
        assertThat(texts()).containsExactly("Jane Doe checked out");
    }

    @Test
    void aScanAnsweredMoreThanTenSecondsAgoNoLongerCoversTheMembersNextVisit() {
        f.started();
        gateway.checkIn("M0001");
        // Refused before it was queued (the service's own validation): the future answers, onScanResult never does.
        inner.answers.getFirst().complete(new ScanOutcome.Rejected("r1", null));
        f.runUi();
        f.clock.advance(Duration.ofSeconds(11));

        f.checkedIn(jane);
        assertThat(texts()).containsExactly("Jane Doe checked in at Side door");
    }

    @Test
    void aVisitIdFromOurAnswerIsOursEvenWhenItsEventComesLate() {
        f.started();
        gateway.checkIn("M0001");
        inner.answers.getFirst().complete(confirmed("r1", jane));
        f.vm.onScanResult(checkInCommand("r1", "M0001"), confirmed("r1", jane));
        f.runUi();
        // In BACKUP the event comes by polling, after the answer; here a minute after.
        f.clock.advance(Duration.ofMinutes(1));
        f.checkedIn(jane);
        assertThat(f.toasts).isEmpty();
    }

    @Test
    void aQueuedScanStaysOursUntilItIsAnswered() {
        f.started();
        gateway.checkIn("M0001");
        QueuedCommand command = checkInCommand("r1", "M0001");
        inner.answers.getFirst().complete(new ScanOutcome.Queued("r1", command));
        f.vm.onScanResult(command, new ScanOutcome.Queued("r1", command));
        f.runUi();
        f.clock.advance(Duration.ofMinutes(5));

        f.checkedIn(jane);
        assertThat(f.toasts).as("sent when the server came back, 5 minutes later").isEmpty();

        f.vm.onScanResult(command, confirmed("r1", jane));
        f.runUi();
        f.clock.advance(Duration.ofSeconds(11));
        f.checkedIn(in("v3", "M0001", "Jane Doe", f.clock.instant(), "Side door"));
        assertThat(texts()).as("answered 11 s ago: her next visit is another desk's")
                .containsExactly("Jane Doe checked in at Side door");
    }

    @Test
    void scansQueuedOnDiskInAnEarlierRunAreOursAndACheckOutByVisitIdToo() {
        f.queries.pending.complete(List.of(checkInCommand("r0", "M0001")));
        f.started();
        f.checkedIn(jane);
        assertThat(f.toasts).isEmpty();

        CheckInView omar = in("v2", "M0002", "Omar Haddad", at("09:00"), "Front desk");
        gateway.checkOut("v2", null);
        f.checkedOut(out(omar, f.clock.instant()));
        assertThat(f.toasts).isEmpty();
        f.vm.onScanResult(new QueuedCommand(2, null, new CheckOutCommand("r2", "v2", null, Instant.EPOCH)),
                confirmed("r2", out(omar, f.clock.instant())));
        f.runUi();
        f.clock.advance(Duration.ofSeconds(11));
        f.checkedIn(in("v3", "M0002", "Omar Haddad", f.clock.instant(), "Side door"));
        assertThat(texts()).as("answered 11 s ago: his next visit is another desk's").containsExactly(
                "Omar Haddad checked in at Side door");
    }

    @Test
    void aScanThatFailedBeforeReachingTheQueueIsForgotten() {
        f.started();
        gateway.checkIn("M0001");
        inner.answers.getFirst().completeExceptionally(new java.sql.SQLException("disk full"));
        f.runUi();

        f.checkedIn(jane);
        assertThat(texts()).containsExactly("Jane Doe checked in at Side door");
    }

    @Test
    void automaticCheckOutsMakeNoToast() {
        f.started();
        f.checkedOut(new CheckInView("v9", "m9", "M0009", "Lena Kim", at("00:00"), at("10:00"), "Front desk", null, true));
        assertThat(f.toasts).isEmpty();
        assertThat(f.vm.recent().getFirst().text()).startsWith("Lena Kim was checked out automatically");
    }

    @Test
    void oneToastAtATimeAndASummaryOfWhatCameMeanwhile() {
        f.started();
        f.checkedIn(jane);
        for (int i = 2; i <= 6; i++) {
            f.checkedIn(in("v" + i, "M000" + i, "Member " + i, at("10:00"), "Side door"));
        }
        f.checkedIn(in("v2", "M0002", "Member 2", at("10:00"), "Side door"));
        f.clock.advance(Duration.ofSeconds(3));
        f.vm.tick();
        assertThat(texts()).as("the first is still showing").containsExactly("Jane Doe checked in at Side door");

        f.clock.advance(Duration.ofSeconds(1));
        f.vm.tick();
        assertThat(texts()).containsExactly("Jane Doe checked in at Side door", "5 more check-ins");

        f.clock.advance(Duration.ofSeconds(1));
        f.checkedOut(out(jane, f.clock.instant()));
        f.checkedIn(in("v7", "M0007", "Member 7", at("10:00"), "Side door"));
        f.clock.advance(Duration.ofSeconds(4));
        f.vm.tick();
        assertThat(texts().getLast()).isEqualTo("1 more check-in and 1 check-out");

        f.clock.advance(Duration.ofSeconds(1));
        f.checkedIn(in("v8", "M0008", "Member 8", at("10:00"), "Side door"));
        f.clock.advance(Duration.ofSeconds(3));
        f.vm.tick();
        assertThat(texts().getLast()).as("a single one waiting shows as itself").isEqualTo("Member 8 checked in at Side door");
        f.vm.tick();
        assertThat(f.toasts).hasSize(4);
    }

    private List<String> texts() {
        return f.toasts.stream().map(Toast::text).toList();
    }
}
