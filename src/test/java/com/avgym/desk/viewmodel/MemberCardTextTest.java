package com.avgym.desk.viewmodel;

import static com.avgym.desk.viewmodel.Samples.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MemberCardTextTest {
    private final MemberCardText words = new MemberCardText(Samples.CLOCK);

    @Test
    void currentMemberOutside() {
        MemberCard c = words.card(member("M0001", "Amara Okafor", LocalDate.parse("2026-12-03"), true, null), null);
        assertThat(c).isEqualTo(new MemberCard("Amara Okafor", "M0001", "Monthly", "Membership ends 3 Dec", "Active",
                false, false, "Not in the gym", false));
    }

    @Test
    void insideSinceTheOpenVisitsStartInTheDeskZone() {
        MemberCard c = words.card(member("M0001", "Amara Okafor", LocalDate.parse("2027-01-03"), true, "v7"),
                Instant.parse("2026-11-27T06:12:00Z"));
        assertThat(c.presence()).isEqualTo("Inside since 09:12");
        assertThat(c.inside()).isTrue();
        assertThat(c.membership()).isEqualTo("Membership ends 3 Jan 2027");
        assertThat(words.card(member("M0001", "A", null, true, "v7"), Instant.parse("2026-11-26T18:40:00Z")).presence())
                .as("a visit from yesterday says its day").isEqualTo("Inside since 26 Nov 21:40");
        assertThat(words.card(member("M0001", "A", null, true, "v7"), null).presence()).isEqualTo("Inside");
    }

    @Test
    void expiredIsMarked() {
        MemberCard c = words.card(member("M0049", "Xin Silva", LocalDate.parse("2026-10-10"), false, null), null);
        assertThat(c.standing()).isEqualTo("Expired");
        assertThat(c.expired()).isTrue();
        assertThat(c.membership()).isEqualTo("Membership expired on 10 Oct");
    }

    @Test
    void noMembershipAtAll() {
        MemberCard c = words.card(new com.avgym.protocol.message.MemberView("i", "M0100", "New Person", null, "active",
                null, null, false, null), null);
        assertThat(c.standing()).isEqualTo("No membership");
        assertThat(c.plan()).isEqualTo("No plan");
        assertThat(c.membership()).isEqualTo("No membership");
        assertThat(c.expired()).isTrue();
    }

    @Test
    void inactiveIsMarkedEvenWithACurrentMembership() {
        MemberCard c = words.card(Samples.inactive("M0050", "Yonas Kim"), null);
        assertThat(c.standing()).isEqualTo("Inactive");
        assertThat(c.inactive()).isTrue();
        assertThat(c.expired()).isFalse();
        assertThat(c.membership()).isEqualTo("Membership ends 20 Dec");
    }
}
