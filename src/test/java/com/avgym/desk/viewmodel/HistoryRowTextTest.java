package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.VisitOverride;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The history row's words: "Checked in" always carries the date (a page mixes days, and "09:12" alone reads as
 * today); the note says auto-closed, and marks visits let in despite their membership with reason and user.
 */
class HistoryRowTextTest {
    private final HistoryRowText words = new HistoryRowText(Samples.CLOCK);
    private final Instant in = Samples.NOW.minusSeconds(3600);

    private CheckInView visit(boolean autoClosed, VisitOverride override) {
        return new CheckInView("v1", "m1", "M0049", "Xin Silva", in, Samples.NOW, "Front desk", null, autoClosed, override);
    }

    @Test
    void anOverriddenVisitIsMarkedWithItsReasonAndWhoLetTheMemberIn() {
        assertThat(words.row(visit(false, new VisitOverride("Guest pass", "desk")), false).autoClosed())
                .isEqualTo("let in anyway: Guest pass (desk)");
        assertThat(words.row(visit(true, new VisitOverride("Guest pass", "desk")), false).autoClosed())
                .isEqualTo("auto-closed; let in anyway: Guest pass (desk)");
    }

    @Test
    void ordinaryVisitsHaveNoOverrideNote() {
        assertThat(words.row(visit(false, null), false).autoClosed()).isEmpty();
        assertThat(words.row(visit(true, null), false).autoClosed()).isEqualTo("auto-closed");
        assertThat(words.row(visit(false, null), false).review()).isNull();
    }

    @Test
    void aVisitLetInOfflineThatTheServerWouldHaveRefusedIsMarkedWithTheReason() {
        CheckInView flagged = new CheckInView("v1", "m1", "M0049", "Xin Silva", in, null, "Kiosk 1", null, false, null,
                new com.avgym.protocol.message.NeedsReview("r1", "MEMBERSHIP_EXPIRED", "Membership expired on 3 Mar 2026",
                        com.avgym.protocol.OfflineVerdict.ADMIT));
        HistoryRow row = words.row(flagged, false);
        assertThat(row.autoClosed()).isEqualTo("needs review");
        assertThat(row.review()).isEqualTo("Let in offline; membership had ended (3 Mar)");

        CheckInView inactive = new CheckInView("v2", "m1", "M0049", "Xin Silva", in, Samples.NOW, "Kiosk 1", null, true,
                new VisitOverride("Guest pass", "desk"), new com.avgym.protocol.message.NeedsReview("r2",
                "MEMBER_INACTIVE", "inactive", com.avgym.protocol.OfflineVerdict.ADMIT));
        assertThat(words.row(inactive, false).autoClosed())
                .isEqualTo("needs review; auto-closed; let in anyway: Guest pass (desk)");
        assertThat(words.row(inactive, false).review()).isEqualTo("Let in offline; account was inactive");
    }

    @Test
    void todaysVisitShowsDateAndTimeAndCarriesTheMemberIdForItsPhoto() {
        HistoryRowText utc = new HistoryRowText(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
        CheckInView today = new CheckInView("v1", "member-1", "M0001", "Jane Doe", Instant.parse("2026-11-27T09:12:00Z"),
                null, "Front desk", null, false, null);
        HistoryRow row = utc.row(today, false);
        assertThat(row.checkIn()).isEqualTo("27 Nov 09:12");
        assertThat(row.memberId()).isEqualTo("member-1");
    }
}
