package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.RosterEntry;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OfflineVerdictsTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");

    private static RosterEntry entry(String status, LocalDate end) {
        return new RosterEntry("id", "M1", "Jane", status, end, "Monthly", null);
    }

    @Test
    void activeWithAMembershipEndingTodayOrLaterIsAdmitted() {
        assertThat(OfflineVerdicts.decide(entry("active", TODAY), TODAY)).isEqualTo(OfflineVerdict.ADMIT);
        assertThat(OfflineVerdicts.decide(entry("active", TODAY.plusYears(1)), TODAY)).isEqualTo(OfflineVerdict.ADMIT);
    }

    @Test
    void aMembershipThatEndedYesterdayOrNoneAtAllIsExpired() {
        assertThat(OfflineVerdicts.decide(entry("active", TODAY.minusDays(1)), TODAY)).isEqualTo(OfflineVerdict.REFUSE_EXPIRED);
        assertThat(OfflineVerdicts.decide(entry("active", null), TODAY)).isEqualTo(OfflineVerdict.REFUSE_EXPIRED);
    }

    @Test
    void anInactiveAccountIsRefusedAsInactiveEvenWithACurrentMembership() {
        assertThat(OfflineVerdicts.decide(entry("inactive", TODAY.plusDays(30)), TODAY)).isEqualTo(OfflineVerdict.REFUSE_INACTIVE);
        assertThat(OfflineVerdicts.decide(entry("inactive", null), TODAY)).isEqualTo(OfflineVerdict.REFUSE_INACTIVE);
        // The server compares the status exactly: anything but "active" is not active.
        assertThat(OfflineVerdicts.decide(entry("ACTIVE", TODAY), TODAY)).isEqualTo(OfflineVerdict.REFUSE_INACTIVE);
    }

    @Test
    void aCardTheRosterDoesNotHoldIsUnknown() {
        assertThat(OfflineVerdicts.decide(null, TODAY)).isEqualTo(OfflineVerdict.UNKNOWN);
    }
}
