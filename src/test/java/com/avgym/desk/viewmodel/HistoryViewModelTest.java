package com.avgym.desk.viewmodel;

import static com.avgym.desk.viewmodel.Samples.NOW;
import static com.avgym.desk.viewmodel.Samples.open;
import static com.avgym.desk.viewmodel.Samples.page;
import static com.avgym.desk.viewmodel.Samples.visit;
import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.HistoryQuery;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.Stats;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistoryViewModelTest {
    private static final int PER = HistoryViewModel.PER_PAGE;

    private final FakeLookups lookups = new FakeLookups();
    private final CheckInDeskViewModelTest.FakeGateway gateway = new CheckInDeskViewModelTest.FakeGateway();
    private final ManualDelay delay = new ManualDelay();
    private final UiQueue ui = new UiQueue();
    private final HistoryViewModel vm = new HistoryViewModel(lookups, gateway, new ScanResultText(Samples.CLOCK),
            new HistoryRowText(Samples.CLOCK), delay, ui, Samples.CLOCK);

    /** {@code count} visits, newest first, one a minute back from an hour ago, half of them closed. */
    private static List<CheckInView> visits(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> i % 2 == 0
                ? open(prefix + i, "M%04d".formatted(i + 1), "Member " + i, NOW.minusSeconds(3600 + 60L * i))
                : visit(prefix + i, "M%04d".formatted(i + 1), "Member " + i, NOW.minusSeconds(3600 + 60L * i),
                        NOW.minusSeconds(600))).toList();
    }

    private void answer(List<CheckInView> rows, long total) {
        HistoryQuery q = lookups.lastHistory().query();
        lookups.lastHistory().answer().complete(page(rows, total, q.page(), q.perPage()));
        ui.run();
    }

    private List<String> ids() {
        return vm.rows().stream().map(HistoryRow::id).toList();
    }

    @Test
    void filtersBecomeTheQueryAndStartAgainAtPageOne() {
        vm.reload();
        answer(visits("a", PER), 134);
        vm.next();
        assertThat(lookups.lastHistory().query().page()).isEqualTo(2);
        vm.setStatus(HistoryQuery.Status.IN);
        vm.setFrom(LocalDate.parse("2026-11-01"));
        vm.setTo(LocalDate.parse("2026-11-27"));
        vm.setSearch("  ama ");
        assertThat(lookups.lastHistory().query().search()).as("the search waits for the typing to pause").isNull();
        delay.advance(HistoryViewModel.SEARCH_DEBOUNCE);
        assertThat(lookups.lastHistory().query()).isEqualTo(new HistoryQuery(HistoryQuery.Status.IN,
                LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-27"), "ama", 1, PER));
        assertThat(vm.query()).isEqualTo(lookups.lastHistory().query());
    }

    @Test
    void pagingTextAndButtons() {
        assertThat(vm.pageText()).isEmpty();
        vm.reload();
        assertThat(vm.pageText()).isEqualTo("Loading...");
        answer(visits("a", PER), 134);
        assertThat(vm.pageText()).isEqualTo("page 1 of 7 · 134 visits");
        assertThat(vm.canPrevious()).isFalse();
        assertThat(vm.canNext()).isTrue();
        vm.next();
        assertThat(vm.pageText()).isEqualTo("page 1 of 7 · 134 visits · loading...");
        answer(visits("b", PER), 134);
        assertThat(vm.pageText()).isEqualTo("page 2 of 7 · 134 visits");
        assertThat(vm.canPrevious()).isTrue();
        assertThat(HistoryRowText.paging(1, 1, 0)).isEqualTo("no visits");
        assertThat(HistoryRowText.paging(1, 1, 1)).isEqualTo("page 1 of 1 · 1 visit");
    }

    @Test
    void pagingQuicklyDropsTheAnswerForThePageLeftBehind() {
        vm.reload();
        answer(visits("a", PER), 134);
        vm.next();
        vm.next();
        assertThat(lookups.histories).extracting(c -> c.query().page()).containsExactly(1, 2, 3);
        lookups.histories.get(2).answer().complete(page(visits("c", PER), 134, 3, PER));
        lookups.histories.get(1).answer().complete(page(visits("b", PER), 134, 2, PER));
        ui.run();
        assertThat(vm.pageText()).isEqualTo("page 3 of 7 · 134 visits");
        assertThat(ids()).first().isEqualTo("c0");
    }

    @Test
    void aFailedLoadIsWordedForNowWhenTheSessionEndsAndLoadedAgainWhenTheServerIsBack() {
        vm.reload();
        lookups.lastHistory().answer().completeExceptionally(new IOException("refused"));
        ui.run();
        assertThat(vm.error()).isEqualTo("Could not load history: Server not reachable");
        vm.connectionChanged(com.avgym.client.ConnectionState.AUTH_REQUIRED);
        assertThat(vm.error()).isEqualTo("Could not load history: sign in again to see it");
        int asked = lookups.histories.size();
        vm.connectionChanged(com.avgym.client.ConnectionState.LIVE);
        assertThat(lookups.histories).as("loaded again").hasSize(asked + 1);
        answer(visits("b", 2), 2);
        assertThat(vm.error()).isEmpty();
        vm.connectionChanged(com.avgym.client.ConnectionState.BACKUP);
        assertThat(lookups.histories).as("a page that loaded is left alone").hasSize(asked + 1);
    }

    @Test
    void aFailedLoadKeepsTheTableAndSaysWhy() {
        vm.reload();
        answer(visits("a", 3), 3);
        vm.setStatus(HistoryQuery.Status.OUT);
        lookups.lastHistory().answer().completeExceptionally(new IOException("refused"));
        ui.run();
        assertThat(vm.error()).isEqualTo("Could not load history: Server not reachable");
        assertThat(ids()).containsExactly("a0", "a1", "a2");
        vm.reload();
        answer(visits("a", 1), 1);
        assertThat(vm.error()).isEmpty();
    }

    @Test
    void aFromAfterToAsksNothing() {
        vm.setFrom(LocalDate.parse("2026-11-27"));
        vm.setTo(LocalDate.parse("2026-11-01"));
        assertThat(lookups.histories).hasSize(1);
        assertThat(vm.error()).isEqualTo("\"From\" is after \"To\": no visit can match");
    }

    @Test
    void aMatchingCheckInAppearsAtTheTopOfPageOne() {
        vm.reload();
        answer(visits("a", PER), 134);
        CheckInView fresh = open("new", "M0007", "Gabriel Nakamura", NOW);
        vm.visit(fresh, true);
        assertThat(ids()).hasSize(PER).first().isEqualTo("new");
        assertThat(ids()).doesNotContain("a" + (PER - 1));
        assertThat(vm.pageText()).isEqualTo("page 1 of 7 · 135 visits");
        vm.visit(fresh, true);
        assertThat(ids()).as("the same event again (after a refetch) is an upsert").containsOnlyOnce("new");
        assertThat(vm.pageText()).isEqualTo("page 1 of 7 · 135 visits");
    }

    @Test
    void aCheckInThatDoesNotMatchOrIsNotForPageOneStaysOut() {
        vm.setStatus(HistoryQuery.Status.OUT);
        answer(visits("a", 3), 3);
        vm.visit(open("new", "M0007", "Gabriel Nakamura", NOW), true);
        assertThat(ids()).doesNotContain("new");

        vm.setStatus(HistoryQuery.Status.ALL);
        vm.setSearch("amara");
        delay.advance(HistoryViewModel.SEARCH_DEBOUNCE);
        answer(List.of(), 0);
        vm.visit(open("n2", "M0007", "Gabriel Nakamura", NOW), true);
        assertThat(ids()).isEmpty();
        vm.visit(open("n3", "M0001", "Amara Okafor", NOW), true);
        assertThat(ids()).containsExactly("n3");

        vm.setFrom(LocalDate.parse("2026-11-28"));
        answer(List.of(), 0);
        vm.visit(open("n4", "M0001", "Amara Okafor", NOW), true);
        assertThat(ids()).as("checked in on the 27th, the range starts on the 28th").isEmpty();

        vm.setFrom(null);
        answer(visits("b", PER), 50);
        vm.next();
        answer(visits("c", PER), 50);
        vm.visit(open("n5", "M0001", "Amara Okafor", NOW), true);
        assertThat(ids()).as("page 2 does not shift under the reader").doesNotContain("n5");
    }

    @Test
    void aCheckOutUpdatesItsRowInPlace() {
        vm.setStatus(HistoryQuery.Status.IN);
        answer(List.of(open("v1", "M0001", "Amara Okafor", NOW.minusSeconds(3900)),
                open("v2", "M0002", "Ben Schmidt", NOW.minusSeconds(4000))), 2);
        vm.visit(visit("v2", "M0002", "Ben Schmidt", NOW.minusSeconds(4000), NOW), false);
        assertThat(ids()).containsExactly("v1", "v2");
        HistoryRow row = vm.rows().get(1);
        assertThat(row.open()).isFalse();
        assertThat(row.checkOut()).isEqualTo("13:00");
        assertThat(row.duration()).isEqualTo("1 h 06 min");
        assertThat(vm.rows().get(0).checkOut()).isEqualTo(HistoryRowText.INSIDE);
    }

    @Test
    void aVisitClosedNowJoinsTheOutFilterWhereTheServerWouldPutIt() {
        vm.setStatus(HistoryQuery.Status.OUT);
        answer(List.of(visit("v1", "M0001", "A", NOW.minusSeconds(600), NOW.minusSeconds(60)),
                visit("v3", "M0003", "C", NOW.minusSeconds(9000), NOW.minusSeconds(6000))), 2);
        vm.visit(visit("v2", "M0002", "B", NOW.minusSeconds(3000), NOW), false);
        assertThat(ids()).containsExactly("v1", "v2", "v3");
        assertThat(vm.pageText()).isEqualTo("page 1 of 1 · 3 visits");
    }

    @Test
    void anEventDuringALoadIsNotLostWhenThePageLands() {
        vm.reload();
        CheckInView fresh = open("new", "M0007", "Gabriel Nakamura", NOW);
        vm.visit(fresh, true);
        answer(visits("a", 3), 3);
        assertThat(ids()).containsExactly("new", "a0", "a1", "a2");
        assertThat(vm.pageText()).isEqualTo("page 1 of 1 · 4 visits");
    }

    @Test
    void checkOutShowsPendingThenTheAnswerAndClosesTheRow() {
        vm.reload();
        CheckInView v = open("v1", "M0001", "Amara Okafor", NOW.minusSeconds(1800));
        answer(List.of(v), 1);
        List<ScanResult.Status> seen = new ArrayList<>();
        vm.addListener(() -> seen.add(vm.actionResult().status()));

        assertThat(vm.checkOut("v1")).isTrue();
        assertThat(gateway.calls).containsExactly("out v1 null");
        assertThat(vm.actionResult().text()).isEqualTo("Checking out Amara Okafor...");
        assertThat(vm.rows().get(0).pending()).isTrue();
        assertThat(vm.checkOut("v1")).as("one check-out per row at a time").isFalse();

        CheckInView closed = visit("v1", "M0001", "Amara Okafor", v.checkInTime(), NOW);
        gateway.answers.get(0).complete(new ScanOutcome.Confirmed("r1",
                new CommandResult("r1", closed, new Stats(0, 1, 30), false)));
        assertThat(vm.actionResult().status()).as("nothing before the UI thread runs").isEqualTo(ScanResult.Status.PENDING);
        ui.run();
        assertThat(vm.actionResult().text()).isEqualTo("Checked out: Amara Okafor");
        assertThat(seen.indexOf(ScanResult.Status.PENDING)).isLessThan(seen.indexOf(ScanResult.Status.SUCCESS));
        HistoryRow row = vm.rows().get(0);
        assertThat(row.pending()).isFalse();
        assertThat(row.open()).isFalse();
        assertThat(row.duration()).isEqualTo("30 min");
        assertThat(vm.checkOut("v1")).as("closed now").isFalse();
    }

    @Test
    void aRefusedCheckOutSaysWhyAndLeavesTheRowOpen() {
        vm.reload();
        answer(List.of(open("v1", "M0001", "Amara Okafor", NOW.minusSeconds(1800))), 1);
        vm.checkOut("v1");
        gateway.answers.get(0).complete(ScanResultTextTest.rejected("NOT_CHECKED_IN",
                java.util.Map.of("memberName", "Amara Okafor")));
        ui.run();
        assertThat(vm.actionResult().text()).isEqualTo("Amara Okafor is not checked in");
        assertThat(vm.rows().get(0).pending()).isFalse();
    }

    @Test
    void aResyncReloadsTheCurrentPage() {
        vm.reload();
        answer(visits("a", PER), 134);
        vm.next();
        answer(visits("b", PER), 134);
        vm.resynced();
        assertThat(lookups.lastHistory().query().page()).isEqualTo(2);
    }

    @Test
    void rowsAreWordedForTheTable() {
        HistoryRowText words = new HistoryRowText(Samples.CLOCK);
        CheckInView overnight = new CheckInView("v1", "m1", "M0001", "Amara Okafor",
                java.time.Instant.parse("2026-11-26T18:40:00Z"), java.time.Instant.parse("2026-11-27T06:40:00Z"),
                "Front desk", null, true);
        HistoryRow row = words.row(overnight, false);
        assertThat(row.checkIn()).isEqualTo("26 Nov 21:40");
        assertThat(row.checkOut()).isEqualTo("09:40");
        assertThat(row.duration()).isEqualTo("12 h 00 min");
        assertThat(row.autoClosed()).isEqualTo(HistoryRowText.AUTO_CLOSED);
        assertThat(row.location()).isEqualTo("Front desk");
    }
}
