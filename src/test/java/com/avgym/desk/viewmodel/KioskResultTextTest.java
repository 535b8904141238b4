package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.QueuedCommand;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ErrorPayload;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KioskResultTextTest {
    private final KioskResultText text = new KioskResultText(Samples.CLOCK);

    private KioskScreen rejected(String code, Map<String, Object> details) {
        return text.describe(new ScanOutcome.Rejected("r", new ErrorPayload(code, "server words " + code, false, "r", details)));
    }

    private KioskScreen queued(OfflineVerdict verdict) {
        return text.describe(new ScanOutcome.Queued("r", new QueuedCommand(1, null, null), verdict, null));
    }

    @Test
    void refusalsAreInTheMembersWordsNeverTheServersCodeOrMessage() {
        assertThat(rejected("MEMBERSHIP_EXPIRED", Map.of("expiredOn", "2026-03-03")).headline())
                .isEqualTo("Your membership ended on 3 March");
        assertThat(rejected("MEMBERSHIP_EXPIRED", Map.of("expiredOn", "2025-12-31")).headline())
                .isEqualTo("Your membership ended on 31 December 2025");
        Map<String, Object> none = new HashMap<>();
        none.put("expiredOn", null);
        assertThat(rejected("MEMBERSHIP_EXPIRED", none).headline()).isEqualTo("You have no current membership");
        assertThat(rejected("MEMBER_NOT_FOUND", Map.of()).headline()).isEqualTo("Card not recognised");
        assertThat(rejected("MEMBER_INACTIVE", Map.of()).headline()).isEqualTo("Your account is not active");
        KioskScreen other = rejected("RATE_LIMITED", null);
        assertThat(other.headline()).isEqualTo("We could not check you in");
        for (String code : new String[] {"MEMBERSHIP_EXPIRED", "MEMBER_NOT_FOUND", "MEMBER_INACTIVE", "INTERNAL"}) {
            KioskScreen s = rejected(code, Map.of());
            assertThat(s.tone()).isEqualTo(KioskScreen.Tone.RED);
            assertThat(s.detail()).isEqualTo("Please see the front desk");
            assertThat(s.headline()).doesNotContain(code).doesNotContain("server words");
        }
    }

    @Test
    void alreadyInsideIsAmberNotARefusal() {
        KioskScreen s = rejected("ALREADY_CHECKED_IN", Map.of("since", "2026-11-27T08:00:00Z"));
        assertThat(s.tone()).isEqualTo(KioskScreen.Tone.AMBER);
        assertThat(s.headline()).isEqualTo("You are already checked in");
    }

    @Test
    void everyOfflineVerdictHasItsScreen() {
        assertThat(queued(OfflineVerdict.ADMIT)).extracting(KioskScreen::tone, KioskScreen::headline)
                .containsExactly(KioskScreen.Tone.AMBER, "Checked in offline");
        assertThat(queued(OfflineVerdict.REFUSE_EXPIRED)).extracting(KioskScreen::tone, KioskScreen::headline)
                .containsExactly(KioskScreen.Tone.RED, "Your membership has ended");
        assertThat(queued(OfflineVerdict.REFUSE_INACTIVE)).extracting(KioskScreen::tone, KioskScreen::headline)
                .containsExactly(KioskScreen.Tone.RED, "Your account is not active");
        assertThat(queued(OfflineVerdict.UNKNOWN)).extracting(KioskScreen::tone, KioskScreen::headline)
                .containsExactly(KioskScreen.Tone.RED, "Card not recognised");
        assertThat(queued(null)).extracting(KioskScreen::tone, KioskScreen::headline)
                .containsExactly(KioskScreen.Tone.AMBER, "Scan saved, we will confirm it shortly");
    }

    @Test
    void aWelcomeUsesTheFirstNameOnly() {
        KioskScreen s = text.describe(new ScanOutcome.Confirmed("r", new CommandResult("r",
                Samples.open("v", "M0003", "  Jane   van Dijk ", Samples.NOW), null, false)));
        assertThat(s.headline()).isEqualTo("Welcome, Jane");
        assertThat(s.tone()).isEqualTo(KioskScreen.Tone.GREEN);
        KioskScreen nameless = text.describe(new ScanOutcome.Confirmed("r", new CommandResult("r", null, null, true)));
        assertThat(nameless.headline()).isEqualTo("Welcome");
    }
}
