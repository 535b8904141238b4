package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.QueuedCommand;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ErrorPayload;
import com.avgym.protocol.message.Stats;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanResultTextTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    // Addis Ababa is UTC+3 all year: 06:12Z reads 09:12 at the desk.
    private final ScanResultText words = new ScanResultText(Clock.fixed(NOW, ZoneId.of("Africa/Addis_Ababa")));

    static CheckInView visit(String name, Instant out) {
        return new CheckInView("v1", "m1", "M0001", name, NOW.minusSeconds(600), out, "Front desk", null, false);
    }

    static ScanOutcome.Confirmed confirmed(String name, Instant out) {
        return new ScanOutcome.Confirmed("r1", new CommandResult("r1", visit(name, out), new Stats(1, 1, 0), false));
    }

    static ScanOutcome.Rejected rejected(String code, Map<String, Object> details) {
        return new ScanOutcome.Rejected("r1", new ErrorPayload(code, "server words", false, "r1", details));
    }

    private String text(String code, Map<String, Object> details) {
        ScanResult r = words.describe(ScanKind.CHECK_IN, rejected(code, details));
        assertThat(r.status()).isEqualTo(ScanResult.Status.ERROR);
        return r.text();
    }

    @Test
    void confirmedCheckInAndOutNameTheMember() {
        ScanResult in = words.describe(ScanKind.CHECK_IN, confirmed("Jane Doe", null));
        assertThat(in.status()).isEqualTo(ScanResult.Status.SUCCESS);
        assertThat(in.text()).isEqualTo("Checked in: Jane Doe");
        ScanResult out = words.describe(ScanKind.CHECK_OUT, confirmed("Jane Doe", NOW));
        assertThat(out.status()).isEqualTo(ScanResult.Status.SUCCESS);
        assertThat(out.text()).isEqualTo("Checked out: Jane Doe");
    }

    @Test
    void aQueuedScanSaysSyncedOrNotSyncedWhenItsAnswerComes() {
        ScanResult ok = words.synced(ScanKind.CHECK_IN, confirmed("Jane Doe", null));
        assertThat(ok.status()).isEqualTo(ScanResult.Status.SUCCESS);
        assertThat(ok.text()).isEqualTo("Synced: Checked in: Jane Doe");
        ScanResult refused = words.synced(ScanKind.CHECK_IN,
                rejected("MEMBERSHIP_EXPIRED", Map.of("memberName", "Jane Doe", "expiredOn", "2026-10-03")));
        assertThat(refused.status()).isEqualTo(ScanResult.Status.ERROR);
        assertThat(refused.text()).isEqualTo("Not synced: Jane Doe: membership expired on 3 Oct");
    }

    @Test
    void membershipExpiredNamesTheMemberAndShowsTheDate() {
        assertThat(text("MEMBERSHIP_EXPIRED", Map.of("memberName", "Jane Doe", "expiredOn", "2026-10-03")))
                .isEqualTo("Jane Doe: membership expired on 3 Oct");
        assertThat(text("MEMBERSHIP_EXPIRED", Map.of("memberName", "Jane Doe", "expiredOn", "2025-10-03")))
                .isEqualTo("Jane Doe: membership expired on 3 Oct 2025");
        assertThat(text("MEMBERSHIP_EXPIRED", Map.of("expiredOn", "2026-10-03")))
                .isEqualTo("Membership expired on 3 Oct");
        assertThat(text("MEMBERSHIP_EXPIRED", Map.of("memberName", "Jane Doe")))
                .isEqualTo("Jane Doe has no current membership");
    }

    @Test
    void alreadyCheckedInShowsTimeInTheDeskZoneAndLocation() {
        ScanResult r = words.describe(ScanKind.CHECK_IN, rejected("ALREADY_CHECKED_IN", Map.of("memberName", "Jane Doe",
                "checkInId", "v9", "since", "2026-11-27T06:12:00Z", "location", "Front desk")));
        assertThat(r.text()).isEqualTo("Already checked in at 09:12 at Front desk");
        assertThat(r.openCheckInId()).isEqualTo("v9");
    }

    @Test
    void otherCodes() {
        assertThat(text("MEMBER_NOT_FOUND", null)).isEqualTo("Member not found");
        assertThat(text("MEMBER_INACTIVE", Map.of("memberName", "Jane Doe"))).isEqualTo("Jane Doe's account is inactive");
        assertThat(text("NOT_CHECKED_IN", Map.of("memberName", "Jane Doe"))).isEqualTo("Jane Doe is not checked in");
        assertThat(text("NOT_CHECKED_IN", null)).isEqualTo("Not checked in");
        assertThat(text("FORBIDDEN", null)).isEqualTo("Your account may not check members in");
        assertThat(text("INVALID_MESSAGE", null)).isEqualTo("Scan refused as invalid: server words");
        assertThat(text("INTERNAL", null)).isEqualTo("Server problem: try again");
        assertThat(text("SOMETHING_NEW", null)).isEqualTo("server words");
    }

    @Test
    void queuedSaysItWillSync() {
        CheckInCommand cmd = new CheckInCommand("r1", "M0001", null, "Front desk", null, NOW);
        ScanResult r = words.describe(ScanKind.CHECK_IN, new ScanOutcome.Queued("r1", new QueuedCommand(1, cmd, null)));
        assertThat(r.status()).isEqualTo(ScanResult.Status.QUEUED);
        assertThat(r.text()).isEqualTo("Queued: will sync when the server is back");
    }

    @Test
    void pendingIsNotSuccess() {
        ScanResult r = words.pending(ScanKind.CHECK_IN, "M0001");
        assertThat(r.status()).isEqualTo(ScanResult.Status.PENDING);
        assertThat(r.text()).isEqualTo("Checking in M0001...");
    }
}
