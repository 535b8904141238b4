package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last-scans strip's model: newest first, at most ten, each entry filled by its scan's answer. */
class RecentScansTest {
    private final CheckInDeskViewModelTest.FakeGateway gateway = new CheckInDeskViewModelTest.FakeGateway();
    private final UiQueue ui = new UiQueue();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:05:00Z"), ZoneOffset.UTC);
    private final CheckInDeskViewModel desk = new CheckInDeskViewModel(gateway, new ScanResultText(clock), ui);
    private final RecentScans recent = new RecentScans(desk, clock);

    @Test
    void aScanIsAddedOnTopAndFilledByItsAnswer() {
        List<List<RecentScans.Entry>> seen = new ArrayList<>();
        recent.addListener(seen::add);
        desk.scanned("M0001");
        assertThat(recent.entries()).containsExactly(
                new RecentScans.Entry("10:05", "M0001", "M0001", "Sending...", ScanResult.Status.PENDING));

        gateway.answers.getFirst().complete(ScanResultTextTest.confirmed("Jane Doe", null));
        ui.run();
        assertThat(recent.entries()).containsExactly(
                new RecentScans.Entry("10:05", "M0001", "Jane Doe", "Checked in: Jane Doe", ScanResult.Status.SUCCESS));
        assertThat(seen).hasSize(3);

        desk.scanned("M0002");
        assertThat(recent.entries()).extracting(RecentScans.Entry::number).containsExactly("M0002", "M0001");
        gateway.answers.get(1).complete(new com.avgym.client.ScanOutcome.Rejected("r2",
                com.avgym.protocol.message.ErrorPayload.of(com.avgym.protocol.ErrorCode.MEMBER_NOT_FOUND, "no such member")));
        ui.run();
        assertThat(recent.entries().getFirst()).as("an unknown card keeps its number as the name")
                .isEqualTo(new RecentScans.Entry("10:05", "M0002", "M0002", "Member not found", ScanResult.Status.ERROR));
    }

    @Test
    void onlyTheLastTenAreKeptAndEscDoesNotEraseThem() {
        for (int i = 1; i <= 12; i++) {
            desk.scanned("M%04d".formatted(i));
        }
        assertThat(recent.entries()).hasSize(RecentScans.MAX);
        assertThat(recent.entries().getFirst().number()).isEqualTo("M0012");
        assertThat(recent.entries().getLast().number()).isEqualTo("M0003");

        desk.clearResult();
        assertThat(desk.result().status()).isEqualTo(ScanResult.Status.IDLE);
        assertThat(recent.entries()).hasSize(RecentScans.MAX);
        assertThat(recent.entries().getFirst().result()).isEqualTo("Sending...");
    }

    @Test
    void aQueuedScanThatSyncsLaterIsNamedByTheServersAnswer() {
        desk.scanned("m0001");
        gateway.answers.getFirst().complete(new com.avgym.client.ScanOutcome.Queued("q1",
                new com.avgym.client.QueuedCommand(1, new com.avgym.protocol.message.CheckInCommand("q1", "m0001", null,
                        "Front desk", null, Instant.parse("2026-11-27T10:05:00Z")), null)));
        ui.run();
        assertThat(recent.entries().getFirst().name()).as("nothing names the member yet").isEqualTo("m0001");
        assertThat(recent.entries().getFirst().status()).isEqualTo(ScanResult.Status.QUEUED);

        desk.laterAnswer("q1", true, ScanResultTextTest.confirmed("Hana Wright", null));
        assertThat(recent.entries().getFirst())
                .isEqualTo(new RecentScans.Entry("10:05", "m0001", "Hana Wright", "Synced: Checked in: Hana Wright",
                        ScanResult.Status.SUCCESS));
    }
}
