package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.CheckInView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** History's "Checked in" always carries the date: a page mixes days, and "09:12" alone reads as today. */
class HistoryRowTextTest {
    private final HistoryRowText words = new HistoryRowText(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void todaysVisitShowsDateAndTimeAndCarriesTheMemberIdForItsPhoto() {
        CheckInView today = new CheckInView("v1", "member-1", "M0001", "Jane Doe", Instant.parse("2026-11-27T09:12:00Z"),
                null, "Front desk", null, false);
        HistoryRow row = words.row(today, false);
        assertThat(row.checkIn()).isEqualTo("27 Nov 09:12");
        assertThat(row.memberId()).isEqualTo("member-1");
    }
}
