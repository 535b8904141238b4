package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.QueuedCommand;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ErrorPayload;
import com.avgym.protocol.message.Stats;
import com.avgym.protocol.message.VisitOverride;
import com.avgym.server.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check-in desk's big result panel, on a manual clock: what it says for each answer, that it names the member
 * and the number as read with the time of the answer, its sounds, the fade after 10 s and replacement by the next
 * scan, and "Let in anyway".
 */
class ResultPanelTest {
    /** The desk's zone is UTC here, so "Answered 10:00:03" reads straight off the clock. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final CheckInDeskViewModelTest.FakeGateway gateway = new CheckInDeskViewModelTest.FakeGateway();
    private final UiQueue ui = new UiQueue();
    private final ManualDelay delay = new ManualDelay();
    private final List<Chime.Cue> sounds = new ArrayList<>();
    private final CheckInDeskViewModel vm = new CheckInDeskViewModel(gateway, new ScanResultText(clock),
            new ResultPanelText(clock), delay, sounds::add, ui);
    private final List<PanelResult> shown = new ArrayList<>();

    {
        vm.panel().addListener(shown::add);
    }

    private PanelResult scan(String number, ScanOutcome answer) {
        vm.scanned(number);
        clock.advance(Duration.ofSeconds(3));
        gateway.answers.getLast().complete(answer);
        ui.run();
        return vm.panel().shown();
    }

    private static ScanOutcome confirmed(String name, String number, VisitOverride override) {
        CheckInView visit = new CheckInView("v1", "m1", number, name, Instant.parse("2026-11-27T10:00:00Z"), null,
                "Front desk", null, false, override);
        return new ScanOutcome.Confirmed("r1", new CommandResult("r1", visit, new Stats(1, 1, 0), false));
    }

    private static ScanOutcome rejected(String code, Map<String, Object> details) {
        return new ScanOutcome.Rejected("r1", new ErrorPayload(code, "server words", false, "r1", details));
    }

    private static ScanOutcome queued(String number) {
        CheckInCommand cmd = new CheckInCommand("q1", number, null, "Front desk", null, Instant.EPOCH);
        return new ScanOutcome.Queued("q1", new QueuedCommand(1, cmd, null));
    }

    @Test
    void admittedNamesTheMemberWithInitialsNumberAndTimeOfTheAnswer() {
        vm.scanned("M0001");
        assertThat(vm.panel().shown().tone()).isEqualTo(PanelResult.Tone.PENDING);
        assertThat(vm.panel().shown().numberRead()).isEqualTo("Number read: M0001");

        PanelResult p = scan2("M0001", confirmed("Jane Doe", "M0001", null));

        assertThat(p.tone()).isEqualTo(PanelResult.Tone.ADMITTED);
        assertThat(p.headline()).isEqualTo("Checked in");
        assertThat(p.name()).isEqualTo("Jane Doe");
        assertThat(p.initials()).isEqualTo("JD");
        assertThat(p.photoKey()).isEqualTo("M0001");
        assertThat(p.numberRead()).isEqualTo("Number read: M0001");
        assertThat(p.answeredAt()).as("the time of the answer, not of the scan").isEqualTo("Answered 10:00:03");
        assertThat(p.advice()).isEqualTo("Welcome: let them in");
        assertThat(p.overridable()).isFalse();
        assertThat(sounds).containsExactly(Chime.Cue.ADMITTED);
    }

    /** Completes the scan already sent (the pending one) after 3 s. */
    private PanelResult scan2(String number, ScanOutcome answer) {
        clock.advance(Duration.ofSeconds(3));
        gateway.answers.getLast().complete(answer);
        ui.run();
        assertThat(vm.panel().shown().photoKey()).isEqualTo(number);
        return vm.panel().shown();
    }

    @Test
    void expiredNamesTheMemberAndSaysRenewOrOverride() {
        PanelResult p = scan("M0049", rejected("MEMBERSHIP_EXPIRED", Map.of("memberName", "Xin Silva",
                "expiredOn", "2026-10-03")));

        assertThat(p.tone()).isEqualTo(PanelResult.Tone.REFUSED);
        assertThat(p.headline()).isEqualTo("Membership expired");
        assertThat(p.name()).isEqualTo("Xin Silva");
        assertThat(p.initials()).isEqualTo("XS");
        assertThat(p.advice()).isEqualTo("Membership expired on 3 Oct: renew or override");
        assertThat(p.overridable()).isTrue();
        assertThat(sounds).containsExactly(Chime.Cue.REFUSED);
        assertThat(vm.result().text()).as("the result line names the member too")
                .isEqualTo("Xin Silva: membership expired on 3 Oct");
    }

    @Test
    void inactiveOffersTheOverride() {
        PanelResult p = scan("M0050", rejected("MEMBER_INACTIVE", Map.of("memberName", "Ola Berg")));

        assertThat(p.tone()).isEqualTo(PanelResult.Tone.REFUSED);
        assertThat(p.headline()).isEqualTo("Account inactive");
        assertThat(p.name()).isEqualTo("Ola Berg");
        assertThat(p.advice()).isEqualTo("Account is inactive: refer to the office or override");
        assertThat(p.overridable()).isTrue();
    }

    @Test
    void notFoundShowsTheNumberAsRead() {
        PanelResult p = scan("M0099", rejected("MEMBER_NOT_FOUND", null));

        assertThat(p.tone()).isEqualTo(PanelResult.Tone.REFUSED);
        assertThat(p.headline()).isEqualTo("Member not found");
        assertThat(p.name()).isEmpty();
        assertThat(p.advice()).startsWith("No member with number M0099 (as read)");
        assertThat(p.numberRead()).isEqualTo("Number read: M0099");
        assertThat(p.overridable()).as("nobody to let in").isFalse();
        assertThat(sounds).containsExactly(Chime.Cue.REFUSED);
    }

    @Test
    void alreadyInSaysSinceWhenAndWhere() {
        PanelResult p = scan("M0002", rejected("ALREADY_CHECKED_IN", Map.of("memberName", "Jane Doe",
                "checkInId", "v9", "since", "2026-11-27T09:12:00Z", "location", "Front desk")));

        assertThat(p.tone()).isEqualTo(PanelResult.Tone.NOTICE);
        assertThat(p.headline()).isEqualTo("Already checked in");
        assertThat(p.name()).isEqualTo("Jane Doe");
        assertThat(p.advice()).isEqualTo("Inside since 09:12 at Front desk: check out or let them be");
        assertThat(p.overridable()).isFalse();
        assertThat(vm.result().openCheckInId()).isEqualTo("v9");

        assertThat(vm.checkOutOpenVisit()).isTrue();
        assertThat(vm.panel().shown().headline()).isEqualTo("Checking out...");
        assertThat(vm.panel().shown().numberRead()).as("still the member's number").isEqualTo("Number read: M0002");
        gateway.answers.getLast().complete(new ScanOutcome.Confirmed("r2", new CommandResult("r2",
                new CheckInView("v9", "m2", "M0002", "Jane Doe", Instant.parse("2026-11-27T09:12:00Z"),
                        Instant.parse("2026-11-27T10:00:03Z"), "Front desk", null, false), new Stats(0, 1, 48), false)));
        ui.run();
        assertThat(vm.panel().shown().headline()).isEqualTo("Checked out");
        assertThat(vm.panel().shown().name()).isEqualTo("Jane Doe");
    }

    @Test
    void queuedWhileTheServerIsAwaySaysItWillSync() {
        PanelResult p = scan("M0003", queued("M0003"));

        assertThat(p.tone()).isEqualTo(PanelResult.Tone.QUEUED);
        assertThat(p.headline()).isEqualTo("Queued");
        assertThat(p.advice()).isEqualTo("Queued: will sync when the server is back");
        assertThat(p.answeredAt()).as("no answer yet: when the desk kept it").startsWith("Saved ");
        assertThat(vm.result().text()).isEqualTo("Queued: will sync when the server is back");
        assertThat(sounds).containsExactly(Chime.Cue.QUEUED);
    }

    private static ScanOutcome offline(String number, com.avgym.protocol.OfflineVerdict verdict, Instant rosterAsOf) {
        CheckInCommand cmd = new CheckInCommand("q1", number, null, "Front desk", null, Instant.EPOCH);
        return new ScanOutcome.Queued("q1", new QueuedCommand(1, cmd, null), verdict, rosterAsOf);
    }

    @Test
    void anOfflineAdmitSaysSoWithTheAgeOfTheMemberListInItsOwnColour() {
        PanelResult p = scan("M0003", offline("M0003", com.avgym.protocol.OfflineVerdict.ADMIT,
                Instant.parse("2026-11-27T09:42:10Z")));

        assertThat(p.tone()).as("not the full green of the server's word").isEqualTo(PanelResult.Tone.OFFLINE_ADMITTED);
        assertThat(p.headline()).isEqualTo("Let in (offline check)");
        assertThat(p.advice()).isEqualTo("Offline check, member list from 09:42: membership active, let in");
        assertThat(p.answeredAt()).isEqualTo("Saved 10:00:03 · syncs when the server is back");
        assertThat(p.overridable()).isFalse();
        assertThat(vm.result().status()).isEqualTo(ScanResult.Status.QUEUED);
        assertThat(vm.result().text()).isEqualTo("Offline check: let in · " + ScanResultText.QUEUED);
        assertThat(sounds).as("sounds like a welcome").containsExactly(Chime.Cue.ADMITTED);
    }

    @Test
    void anOfflineRefusalSaysWhyInRedAndMayBeOverridden() {
        Instant yesterday = Instant.parse("2026-11-26T18:05:00Z");
        PanelResult expired = scan("M0049", offline("M0049", com.avgym.protocol.OfflineVerdict.REFUSE_EXPIRED, yesterday));
        assertThat(expired.tone()).isEqualTo(PanelResult.Tone.OFFLINE_REFUSED);
        assertThat(expired.headline()).isEqualTo("Membership ended");
        assertThat(expired.advice()).as("an old list says its day")
                .isEqualTo("Offline check, member list from 26 Nov 18:05: membership ended");
        assertThat(expired.overridable()).isTrue();
        assertThat(sounds).containsExactly(Chime.Cue.REFUSED);

        PanelResult inactive = scan("M0050", offline("M0050", com.avgym.protocol.OfflineVerdict.REFUSE_INACTIVE, yesterday));
        assertThat(inactive.headline()).isEqualTo("Account inactive");
        assertThat(inactive.advice()).endsWith(": account inactive");
        assertThat(inactive.overridable()).isTrue();

        PanelResult unknown = scan("X123", offline("X123", com.avgym.protocol.OfflineVerdict.UNKNOWN, null));
        assertThat(unknown.tone()).isEqualTo(PanelResult.Tone.OFFLINE_REFUSED);
        assertThat(unknown.headline()).isEqualTo("Not in the member list");
        assertThat(unknown.advice()).as("no known age: none claimed").isEqualTo("Offline check: card not in the member list");
        assertThat(unknown.overridable()).as("nobody to let in").isFalse();
        assertThat(vm.result().text()).isEqualTo("Offline check: card not in the member list · " + ScanResultText.QUEUED);
    }

    @Test
    void anOfflineDecisionKeepsItsWordsWhenTheConnectionChangesAndGivesWayToTheServersAnswer() {
        PanelResult p = scan("M0003", offline("M0003", com.avgym.protocol.OfflineVerdict.ADMIT,
                Instant.parse("2026-11-27T09:42:10Z")));

        gateway.signInNeeded = true;
        vm.connectionChanged(com.avgym.client.ConnectionState.AUTH_REQUIRED);
        PanelResult saved = vm.panel().shown();
        assertThat(saved.tone()).isEqualTo(PanelResult.Tone.OFFLINE_ADMITTED);
        assertThat(saved.headline()).isEqualTo(p.headline());
        assertThat(saved.advice()).isEqualTo(p.advice());
        assertThat(saved.answeredAt()).isEqualTo("Saved 10:00:03 · sign in to sync");
        assertThat(vm.result().text()).isEqualTo("Offline check: let in · " + ScanResultText.SAVED_SIGN_IN);

        gateway.signInNeeded = false;
        vm.connectionChanged(com.avgym.client.ConnectionState.CONNECTING);
        assertThat(vm.panel().shown()).isEqualTo(p);
        assertThat(vm.result().text()).isEqualTo("Offline check: let in · " + ScanResultText.QUEUED);

        vm.laterAnswer("q1", true, confirmed("Jane Doe", "M0003", null));
        assertThat(vm.panel().shown().tone()).isEqualTo(PanelResult.Tone.ADMITTED);
        assertThat(vm.result().text()).isEqualTo("Synced: Checked in: Jane Doe");
    }

    @Test
    void anOfflineAdmitTheServerFlaggedAndAWrongOfflineRefusalSayWhatStaffShouldDo() {
        scan("M0049", offline("M0049", com.avgym.protocol.OfflineVerdict.ADMIT, Instant.parse("2026-11-27T09:42:10Z")));
        CheckInView flagged = new CheckInView("v1", "m1", "M0049", "Xin Silva", Instant.parse("2026-11-27T10:00:00Z"),
                null, "Front desk", null, false, null, new com.avgym.protocol.message.NeedsReview("r1",
                "MEMBERSHIP_EXPIRED", "Membership expired on 3 Mar 2026", com.avgym.protocol.OfflineVerdict.ADMIT));
        vm.laterAnswer("q1", true, new ScanOutcome.Confirmed("q1", new CommandResult("q1", flagged, new Stats(1, 1, 0), false)));
        PanelResult p = vm.panel().shown();
        assertThat(p.tone()).isEqualTo(PanelResult.Tone.NOTICE);
        assertThat(p.headline()).isEqualTo("Needs review");
        assertThat(p.name()).isEqualTo("Xin Silva");
        assertThat(p.advice()).isEqualTo("Let in offline; membership had ended (3 Mar): listed under Needs review");
        assertThat(vm.result().text()).isEqualTo("Synced: Checked in: Xin Silva (needs review: see the dashboard)");

        scan("M0007", offline("M0007", com.avgym.protocol.OfflineVerdict.UNKNOWN, null));
        vm.laterAnswer("q1", true, new ScanOutcome.Rejected("q1", new ErrorPayload("REFUSED_OFFLINE", "turned away", false,
                "q1", Map.of("memberName", "Omar Haddad", "reviewId", "r2"))));
        PanelResult wrong = vm.panel().shown();
        assertThat(wrong.tone()).isEqualTo(PanelResult.Tone.NOTICE);
        assertThat(wrong.headline()).isEqualTo("Wrongly turned away");
        assertThat(wrong.name()).isEqualTo("Omar Haddad");
        assertThat(vm.result().text()).isEqualTo("Not synced: Turned away offline, but the server would have let Omar Haddad"
                + " in: see Needs review on the dashboard");
    }

    @Test
    void queuedWhileTheSessionHasExpiredSaysSignInToSync() {
        gateway.signInNeeded = true;
        PanelResult p = scan("M0003", queued("M0003"));

        assertThat(p.tone()).isEqualTo(PanelResult.Tone.QUEUED);
        assertThat(p.headline()).isEqualTo("Saved");
        assertThat(p.advice()).isEqualTo("Saved: sign in to sync");
        assertThat(vm.result().text()).as("the result line (and the card) say the same")
                .isEqualTo("Saved: sign in to sync");
    }

    @Test
    void errorsSayWhatFailed() {
        PanelResult server = scan("M0004", rejected("INTERNAL", null));
        assertThat(server.tone()).isEqualTo(PanelResult.Tone.ERROR);
        assertThat(server.headline()).isEqualTo("Not checked in");
        assertThat(server.advice()).isEqualTo("Server problem: try again");

        vm.scanned("M0005");
        gateway.answers.getLast().completeExceptionally(new java.sql.SQLException("disk full"));
        ui.run();
        assertThat(vm.panel().shown().tone()).isEqualTo(PanelResult.Tone.ERROR);
        assertThat(vm.panel().shown().advice()).isEqualTo("Scan not saved: try again");
        assertThat(vm.panel().shown().numberRead()).isEqualTo("Number read: M0005");
        assertThat(sounds).containsExactly(Chime.Cue.REFUSED, Chime.Cue.REFUSED);
    }

    @Test
    void anAnswerFadesToNeutralAfterTenSeconds() {
        PanelResult answer = scan("M0001", confirmed("Jane Doe", "M0001", null));

        delay.advance(Duration.ofMillis(9_999));
        assertThat(vm.panel().shown().faded()).isFalse();
        delay.advance(Duration.ofMillis(1));
        PanelResult faded = vm.panel().shown();
        assertThat(faded.faded()).isTrue();
        assertThat(faded.headline()).as("the words stay, only the colour goes").isEqualTo(answer.headline());
        assertThat(faded.name()).isEqualTo("Jane Doe");
        assertThat(shown.getLast()).isEqualTo(faded);
        assertThat(sounds).as("fading makes no sound").containsExactly(Chime.Cue.ADMITTED);
    }

    @Test
    void thePendingPanelNeverFades() {
        vm.scanned("M0001");
        delay.advance(Duration.ofSeconds(30));
        assertThat(vm.panel().shown().tone()).isEqualTo(PanelResult.Tone.PENDING);
        assertThat(vm.panel().shown().faded()).isFalse();
    }

    @Test
    void theNextScanReplacesTheAnswerAndItsFade() {
        scan("M0049", rejected("MEMBERSHIP_EXPIRED", Map.of("memberName", "Xin Silva", "expiredOn", "2026-10-03")));
        delay.advance(Duration.ofSeconds(6));

        PanelResult second = scan("M0001", confirmed("Jane Doe", "M0001", null));
        assertThat(second.name()).isEqualTo("Jane Doe");
        assertThat(second.overridable()).as("nothing of the expired member is left").isFalse();
        assertThat(delay.waiting()).as("one fade pending: the first answer's was cancelled").isEqualTo(1);

        delay.advance(Duration.ofSeconds(5));
        assertThat(vm.panel().shown().faded()).as("11 s after the first answer, 5 s after the second").isFalse();
        delay.advance(Duration.ofSeconds(5));
        assertThat(vm.panel().shown().faded()).isTrue();
        assertThat(vm.panel().shown().name()).isEqualTo("Jane Doe");
    }

    @Test
    void aSlowAnswerToAnOlderScanNeverReplacesTheNewerOne() {
        vm.scanned("M0001");
        vm.scanned("M0002");
        gateway.answers.get(1).complete(confirmed("Ben Ode", "M0002", null));
        ui.run();
        gateway.answers.get(0).complete(confirmed("Jane Doe", "M0001", null));
        ui.run();

        assertThat(vm.panel().shown().name()).isEqualTo("Ben Ode");
        assertThat(sounds).containsExactly(Chime.Cue.ADMITTED);
    }

    @Test
    void letInSendsTheReasonAndShowsTheOverriddenVisit() {
        scan("M0049", rejected("MEMBERSHIP_EXPIRED", Map.of("memberName", "Xin Silva", "expiredOn", "2026-10-03")));

        assertThat(vm.letIn("M0049", "  ")).as("no reason, nothing sent").isFalse();
        assertThat(vm.letIn("M0049", " Renewing today ")).isTrue();
        assertThat(gateway.calls).containsExactly("in M0049", "let in M0049 (Renewing today)");
        gateway.answers.getLast().complete(confirmed("Xin Silva", "M0049", new VisitOverride("Renewing today", "desk")));
        ui.run();

        PanelResult p = vm.panel().shown();
        assertThat(p.tone()).isEqualTo(PanelResult.Tone.ADMITTED);
        assertThat(p.name()).isEqualTo("Xin Silva");
        assertThat(p.advice()).isEqualTo("Let in anyway (Renewing today)");
    }

    @Test
    void aMissingReasonRefusedByTheServerAsksForOne() {
        PanelResult p = scan("M0049", rejected("OVERRIDE_REASON_REQUIRED", null));
        assertThat(p.headline()).isEqualTo("Reason needed");
        assertThat(p.advice()).isEqualTo("Say why the member is let in anyway, then try again");
    }

    @Test
    void aQueuedScansLaterAnswerReplacesItsPanelWithoutASound() {
        scan("M0003", queued("M0003"));
        vm.laterAnswer("q1", true, confirmed("Jane Doe", "M0003", null));

        PanelResult p = vm.panel().shown();
        assertThat(p.tone()).isEqualTo(PanelResult.Tone.ADMITTED);
        assertThat(p.name()).isEqualTo("Jane Doe");
        assertThat(p.advice()).isEqualTo("Synced: Checked in: Jane Doe");
        assertThat(sounds).containsExactly(Chime.Cue.QUEUED);
    }

    @Test
    void clearGoesBackToIdle() {
        scan("M0001", confirmed("Jane Doe", "M0001", null));
        vm.panel().clear();
        assertThat(vm.panel().shown()).isEqualTo(PanelResult.idle());
        assertThat(delay.waiting()).isZero();
    }

    @Test
    void initialsFromTheName() {
        assertThat(ResultPanelText.initials("Jane Doe")).isEqualTo("JD");
        assertThat(ResultPanelText.initials(" ana  maria de souza ")).isEqualTo("AS");
        assertThat(ResultPanelText.initials("Madonna")).isEqualTo("M");
        assertThat(ResultPanelText.initials("")).isEmpty();
        assertThat(ResultPanelText.initials(null)).isEmpty();
    }

    @Test
    void overrideReasonsNeedAChoiceAndOtherNeedsText() {
        assertThat(OverrideReasons.reason(null, "x")).isNull();
        assertThat(OverrideReasons.reason("Guest pass", "")).isEqualTo("Guest pass");
        assertThat(OverrideReasons.reason(OverrideReasons.OTHER, "   ")).isNull();
        assertThat(OverrideReasons.reason(OverrideReasons.OTHER, " Lost card ")).isEqualTo("Lost card");
        assertThat(OverrideReasons.reason(OverrideReasons.OTHER, "y".repeat(300))).hasSize(200);
    }
}
