package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.VisitOverride;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The history row's note: auto-closed, and visits let in despite their membership marked with reason and user. */
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
    }
}
