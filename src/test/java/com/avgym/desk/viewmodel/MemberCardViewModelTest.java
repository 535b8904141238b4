package com.avgym.desk.viewmodel;

import static com.avgym.desk.viewmodel.Samples.member;
import static com.avgym.desk.viewmodel.Samples.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ApiException;
import com.avgym.client.ConnectionState;
import com.avgym.client.HistoryQuery;
import com.avgym.protocol.message.MemberView;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberCardViewModelTest {
    private static final LocalDate END = LocalDate.parse("2026-12-20");
    private static final MemberView AMARA = member("M0001", "Amara Okafor", END, true, null);

    private final FakeLookups lookups = new FakeLookups();
    private final CheckInDeskViewModelTest.FakeGateway gateway = new CheckInDeskViewModelTest.FakeGateway();
    private final UiQueue ui = new UiQueue();
    private final CheckInDeskViewModel desk = new CheckInDeskViewModel(gateway, new ScanResultText(Samples.CLOCK), ui);
    private final MemberCardViewModel vm = new MemberCardViewModel(lookups, desk, new MemberCardText(Samples.CLOCK), ui);

    private void answerMember(int call, MemberView m) {
        lookups.members.get(call).answer().complete(m);
        ui.run();
    }

    /** 12:42 in the desk's zone (UTC+3). */
    private static final Instant LIST_AS_OF = Instant.parse("2026-11-27T09:42:00Z");

    private void offlineList(MemberView... members) {
        lookups.offline = n -> java.util.Optional.of(new OfflineMember(java.util.Arrays.stream(members)
                .filter(m -> m.membershipNumber().equalsIgnoreCase(n)).findFirst().orElse(null), LIST_AS_OF));
    }

    @Test
    void whileTheServerIsAwayTheCardComesFromTheMemberListAtOnceAndFromTheServerWhenItIsBack() {
        offlineList(member("M0001", "Amara Okafor", LocalDate.parse("2026-11-20"), false, null));
        vm.show("M0001");
        ui.run();
        assertThat(lookups.members).as("the server is not asked").isEmpty();
        assertThat(vm.message()).isEmpty();
        assertThat(vm.card().name()).isEqualTo("Amara Okafor");
        assertThat(vm.card().standing()).isEqualTo("Expired");
        assertThat(vm.card().presence()).as("the list's age instead of a presence it cannot know")
                .isEqualTo("From the member list of 12:42");
        assertThat(vm.memberId()).as("for the photo").isNotNull();

        vm.connectionChanged(ConnectionState.RECONNECTING);
        assertThat(lookups.members).isEmpty();
        lookups.offline = n -> java.util.Optional.empty();
        vm.connectionChanged(ConnectionState.LIVE);
        assertThat(lookups.members).as("the server's word replaces the list's").hasSize(1);
        answerMember(0, AMARA);
        assertThat(vm.card().presence()).isEqualTo("Not in the gym");
        assertThat(vm.card().standing()).isEqualTo("Active");
    }

    @Test
    void aCardNotInTheMemberListSaysSoWithTheListsAge() {
        offlineList(AMARA);
        vm.show("M0404");
        ui.run();
        assertThat(vm.card()).isNull();
        assertThat(vm.message()).startsWith("Not in the member list of ");
        assertThat(lookups.members).isEmpty();
    }

    @Test
    void aLookupSentBeforeTheOutageIsAnsweredByTheMemberListOnceTheServerIsAway() {
        vm.show("M0001");
        assertThat(vm.message()).isEqualTo("Loading M0001...");
        assertThat(lookups.members).hasSize(1);

        offlineList(AMARA);
        vm.connectionChanged(ConnectionState.OFFLINE);
        ui.run();
        assertThat(vm.card().presence()).startsWith("From the member list of ");

        answerMember(0, member("M0001", "Old Answer", END, true, null));
        assertThat(vm.card().name()).as("the stale server answer is dropped").isEqualTo("Amara Okafor");
    }

    @Test
    void showsLoadingThenTheCard() {
        vm.show("M0001");
        assertThat(vm.message()).isEqualTo("Loading M0001...");
        assertThat(vm.card()).isNull();
        answerMember(0, AMARA);
        assertThat(vm.message()).isEmpty();
        assertThat(vm.card().name()).isEqualTo("Amara Okafor");
        assertThat(vm.card().presence()).isEqualTo("Not in the gym");
        assertThat(lookups.histories).as("no open visit, nothing more to ask").isEmpty();
    }

    @Test
    void insideLooksUpWhenTheOpenVisitBegan() {
        vm.show("M0001");
        answerMember(0, member("M0001", "Amara Okafor", END, true, "v7"));
        assertThat(vm.card()).as("waits for the visit's start").isNull();
        HistoryQuery q = lookups.lastHistory().query();
        assertThat(q).isEqualTo(new HistoryQuery(HistoryQuery.Status.IN, null, null, "M0001", 1, 10));
        lookups.lastHistory().answer().complete(page(List.of(
                Samples.open("v3", "M00010", "Someone Else", Instant.parse("2026-11-27T05:00:00Z")),
                Samples.open("v7", "M0001", "Amara Okafor", Instant.parse("2026-11-27T06:12:00Z"))), 2, 1, 10));
        ui.run();
        assertThat(vm.card().presence()).isEqualTo("Inside since 09:12");
    }

    @Test
    void aFailedVisitLookupStillShowsTheCard() {
        vm.show("M0001");
        answerMember(0, member("M0001", "Amara Okafor", END, true, "v7"));
        lookups.lastHistory().answer().completeExceptionally(new IOException("down"));
        ui.run();
        assertThat(vm.card().presence()).isEqualTo("Inside");
    }

    @Test
    void unknownNumberSaysSo() {
        vm.show("M9999");
        lookups.members.get(0).answer().completeExceptionally(
                new ApiException(404, "MEMBER_NOT_FOUND", "No member with that number", null, null));
        ui.run();
        assertThat(vm.card()).isNull();
        assertThat(vm.message()).isEqualTo("Member not found");
        // An answer, not a failure: it stays true whatever the connection does.
        vm.connectionChanged(ConnectionState.AUTH_REQUIRED);
        vm.connectionChanged(ConnectionState.LIVE);
        assertThat(vm.message()).isEqualTo("Member not found");
        assertThat(lookups.members).hasSize(1);
    }

    @Test
    void onlyTheNewestFetchMayChangeTheCard() {
        vm.show("M0001");
        vm.show("M0049");
        answerMember(1, member("M0049", "Xin Silva", LocalDate.parse("2026-10-10"), false, null));
        answerMember(0, AMARA);
        assertThat(vm.card().number()).isEqualTo("M0049");
        assertThat(vm.card().standing()).isEqualTo("Expired");
    }

    @Test
    void checkInFromTheCardGoesThroughTheDeskAndShowsPendingThenTheServersRefusal() {
        vm.show("M0049");
        answerMember(0, member("M0049", "Xin Silva", LocalDate.parse("2026-10-10"), false, null));
        assertThat(vm.checkIn()).isTrue();
        assertThat(gateway.calls).containsExactly("in M0049");
        assertThat(vm.result().text()).isEqualTo("Checking in M0049...");
        assertThat(desk.result().text()).isEqualTo("Checking in M0049...");
        assertThat(vm.busy()).isTrue();
        assertThat(vm.card()).as("the same member: the card stays while the command is out").isNotNull();

        gateway.answers.get(0).complete(ScanResultTextTest.rejected("MEMBERSHIP_EXPIRED",
                Map.of("memberName", "Xin Silva", "expiredOn", "2026-10-10")));
        ui.run();
        assertThat(vm.result().status()).isEqualTo(ScanResult.Status.ERROR);
        assertThat(vm.result().text()).isEqualTo("Xin Silva: membership expired on 10 Oct");
        assertThat(vm.busy()).isFalse();
        assertThat(lookups.members).as("the card is fetched again after the answer").hasSize(2);
    }

    @Test
    void aScanShowsThatMembersCardAndItsAnswerFetchingOnlyOnceTheAnswerIsIn() {
        desk.scanned("M0001");
        assertThat(vm.message()).isEqualTo("Loading M0001...");
        assertThat(vm.result().status()).isEqualTo(ScanResult.Status.PENDING);
        vm.visit(Samples.open("v1", "M0001", "Amara Okafor", Samples.NOW), true);
        assertThat(lookups.members).as("the answer is about to change the member: nothing to fetch before it").isEmpty();
        gateway.answers.get(0).complete(ScanResultTextTest.confirmed("Amara Okafor", null));
        ui.run();
        assertThat(vm.result().text()).isEqualTo("Checked in: Amara Okafor");
        answerMember(0, member("M0001", "Amara Okafor", END, true, "v1"));
        lookups.lastHistory().answer().complete(page(List.of(
                Samples.open("v1", "M0001", "Amara Okafor", Instant.parse("2026-11-27T06:59:00Z"))), 1, 1, 10));
        ui.run();
        assertThat(vm.card().presence()).isEqualTo("Inside since 09:59");
    }

    @Test
    void aPickedMemberDoesNotShowAnotherMembersAnswer() {
        desk.scanned("M0002");
        vm.show("M0001");
        answerMember(0, AMARA);
        gateway.answers.get(0).complete(ScanResultTextTest.rejected("MEMBER_NOT_FOUND", null));
        ui.run();
        assertThat(vm.result().status()).isEqualTo(ScanResult.Status.IDLE);
        assertThat(vm.card().number()).isEqualTo("M0001");
    }

    @Test
    void visitEventsForThisMemberRefreshTheCardAndOthersDoNot() {
        vm.show("M0001");
        answerMember(0, AMARA);
        vm.visit(Samples.open("v9", "M0002", "Ben Schmidt", Samples.NOW), true);
        assertThat(lookups.members).hasSize(1);
        vm.visit(Samples.open("v1", "M0001", "Amara Okafor", Samples.NOW), true);
        assertThat(lookups.members).hasSize(2);
        vm.resynced();
        assertThat(lookups.members).hasSize(3);
    }

    @Test
    void aFailedRefreshKeepsTheCard() {
        vm.show("M0001");
        answerMember(0, AMARA);
        vm.resynced();
        lookups.members.get(1).answer().completeExceptionally(new IOException("down"));
        ui.run();
        assertThat(vm.card().name()).isEqualTo("Amara Okafor");
        assertThat(vm.message()).isEqualTo("Could not refresh: Server not reachable");
    }

    @Test
    void anExpiredSessionAsksToSignInNotThatTheServerIsDown() {
        vm.show("M0004");
        lookups.members.get(0).answer().completeExceptionally(
                new ApiException(401, "TOKEN_MISSING", "Session expired: sign in again", null, null));
        ui.run();
        assertThat(vm.message()).isEqualTo("Sign in again to look up members").doesNotContain("reachable");
    }

    @Test
    void aCardThatFailedOfflineSaysSignInOnceTheSessionEnds() {
        // Offline: the lookup really found no server.
        vm.show("M0004");
        lookups.members.get(0).answer().completeExceptionally(new IOException("Connection refused"));
        ui.run();
        assertThat(vm.message()).isEqualTo("Server not reachable");
        // The network is back but the session is over: the server is up, a person must sign in.
        vm.connectionChanged(ConnectionState.AUTH_REQUIRED);
        assertThat(vm.message()).isEqualTo("Sign in again to look up members");
        // A fetch that was already out and fails as "no answer" does not bring the old words back.
        vm.resynced();
        lookups.members.getLast().answer().completeExceptionally(new IOException("interrupted"));
        ui.run();
        assertThat(vm.message()).isEqualTo("Sign in again to look up members");
    }

    @Test
    void aCardThatFailedIsFetchedAgainWhenTheServerAnswersAgain() {
        vm.show("M0001");
        lookups.members.get(0).answer().completeExceptionally(new IOException("Connection refused"));
        ui.run();
        vm.connectionChanged(ConnectionState.RECONNECTING);
        assertThat(lookups.members).hasSize(1);
        vm.connectionChanged(ConnectionState.LIVE);
        assertThat(lookups.members).as("fetched again").hasSize(2);
        answerMember(1, AMARA);
        assertThat(vm.message()).isEmpty();
        assertThat(vm.card().name()).isEqualTo("Amara Okafor");
        vm.connectionChanged(ConnectionState.BACKUP);
        assertThat(lookups.members).as("a card that loaded is left alone").hasSize(2);
    }

    @Test
    void aRefreshRefusedForTheSessionKeepsTheCardAndAsksToSignIn() {
        vm.show("M0001");
        answerMember(0, AMARA);
        vm.resynced();
        lookups.members.get(1).answer().completeExceptionally(
                new ApiException(401, "TOKEN_EXPIRED", "expired", null, null));
        ui.run();
        assertThat(vm.card().name()).isEqualTo("Amara Okafor");
        assertThat(vm.message()).isEqualTo("Could not refresh: Sign in again to look up members");
    }

    @Test
    void checkOutFromTheCardIsByNumber() {
        vm.show("M0001");
        answerMember(0, member("M0001", "Amara Okafor", END, true, "v1"));
        assertThat(vm.checkOut()).isTrue();
        assertThat(gateway.calls).containsExactly("out null M0001");
        assertThat(vm.result().text()).isEqualTo("Checking out M0001...");
    }
}
