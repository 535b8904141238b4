package com.avgym.desk.viewmodel;

import static com.avgym.desk.viewmodel.DashboardFixture.at;
import static com.avgym.desk.viewmodel.DashboardFixture.in;
import static com.avgym.desk.viewmodel.DashboardFixture.out;
import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ApiException;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.Stats;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Tiles, the recent-activity list, the expiring list and how failed lookups show. */
class DashboardViewModelTest {
    private final DashboardFixture f = new DashboardFixture();
    private final DashboardViewModel vm = f.vm;

    @Test
    void tilesShowDashesUntilStatsThenTheFigures() {
        assertThat(vm.tiles()).isEqualTo(new StatTiles("-", "-", "-"));
        List<StatTiles> seen = new ArrayList<>();
        vm.addListener(new DashboardListener() {
            @Override
            public void tilesChanged(StatTiles tiles) {
                seen.add(tiles);
            }
        });

        vm.onStats(new Stats(3, 12, 41.6));
        assertThat(vm.tiles().inGym()).as("events wait for the UI thread").isEqualTo("-");
        f.runUi();
        assertThat(vm.tiles()).isEqualTo(new StatTiles("3", "12", "42 min"));

        vm.onStats(new Stats(0, 0, 0));
        f.runUi();
        assertThat(vm.tiles()).as("no finished visit today: no average").isEqualTo(new StatTiles("0", "0", "-"));
        assertThat(seen).hasSize(2);
    }

    @Test
    void recentActivityIsNewestFirstOneLinePerVisitAndReplacedOnResync() {
        CheckInView jane = in("v1", "M0001", "Jane Doe", at("09:12"), "Front desk");
        CheckInView omar = in("v2", "M0002", "Omar Haddad", at("09:30"), "Side door");
        f.started(jane);
        assertThat(texts()).containsExactly("Jane Doe checked in at Front desk · 09:12");

        f.checkedIn(omar);
        f.checkedOut(out(jane, at("09:45")));
        f.checkedOut(out(jane, at("09:45")));
        assertThat(texts()).as("the check-out replaces the check-in's line and comes first; a repeat changes nothing")
                .containsExactly("Jane Doe checked out · 09:45", "Omar Haddad checked in at Side door · 09:30");
        assertThat(vm.recent()).extracting(ActivityRow::checkedIn).containsExactly(false, true);

        CheckInView yesterday = in("v0", "M0003", "Lena Kim", at("18:05").minus(Duration.ofDays(1)), "Front desk");
        f.resync(new Stats(1, 5, 30), yesterday, omar);
        assertThat(texts()).as("replaced, not merged; another day's time carries its date")
                .containsExactly("Omar Haddad checked in at Side door · 09:30", "Lena Kim checked in at Front desk · 26 Nov 18:05");
        assertThat(vm.tiles().todayCheckIns()).isEqualTo("5");
    }

    @Test
    void recentActivityKeepsTheNewestFifteenAndWordsAutomaticCheckOuts() {
        f.started();
        for (int i = 0; i < 20; i++) {
            f.checkedIn(in("v" + i, "M%04d".formatted(i), "Member " + i, at("08:00").plus(Duration.ofMinutes(i)), "Front desk"));
        }
        assertThat(vm.recent()).hasSize(DashboardViewModel.RECENT_SIZE);
        assertThat(vm.recent().getFirst().visitId()).isEqualTo("v19");

        CheckInView v19 = in("v19", "M0019", "Member 19", at("08:19"), "Front desk");
        f.checkedOut(new CheckInView("v19", v19.memberId(), "M0019", "Member 19", v19.checkInTime(), at("20:19"),
                "Front desk", null, true));
        assertThat(vm.recent().getFirst().text()).isEqualTo("Member 19 was checked out automatically · 20:19");
    }

    @Test
    void expiringMembershipsAreWordedForTheTable() {
        f.started();
        f.clock.advance(Duration.ofMinutes(10));
        vm.tick();
        f.queries.expiring.getLast().complete(List.of(
                new ExpiringMembership("m1", "M0010", "Amara Okafor", "Monthly", LocalDate.of(2026, 11, 27), 0),
                new ExpiringMembership("m2", "M0020", "Kofi Mensah", "Annual", LocalDate.of(2026, 11, 28), 1),
                new ExpiringMembership("m3", "M0030", "Xin Larsen", null, LocalDate.of(2026, 12, 3), 6)));
        f.runUi();

        assertThat(vm.expiring().error()).isNull();
        assertThat(vm.expiring().rows()).containsExactly(
                new ExpiringRow("Amara Okafor", "M0010", "Monthly", "27 Nov 2026", "ends today"),
                new ExpiringRow("Kofi Mensah", "M0020", "Annual", "28 Nov 2026", "1 day"),
                new ExpiringRow("Xin Larsen", "M0030", "", "3 Dec 2026", "6 days"));
    }

    @Test
    void expiringIsLookedUpOnStartOnEveryResyncAndEveryTenMinutes() {
        vm.tick();
        assertThat(f.queries.expiring).as("nothing to look up before sign-in").isEmpty();
        f.started();
        assertThat(f.queries.expiring).hasSize(1);

        f.clock.advance(Duration.ofMinutes(9));
        vm.tick();
        assertThat(f.queries.expiring).hasSize(1);
        f.clock.advance(Duration.ofMinutes(1));
        vm.tick();
        vm.tick();
        assertThat(f.queries.expiring).as("one lookup at a time").hasSize(2);
        f.queries.expiring.getLast().complete(List.of());
        f.runUi();

        f.resync(new Stats(0, 0, 0));
        assertThat(f.queries.expiring).hasSize(3);
    }

    @Test
    void aFailedLookupShowsWhyKeepsTheDataAndReloadsOnTheNextResync() {
        f.started();
        List<Integer> counts = DashboardFixture.hours();
        counts.set(9, 4);
        f.resync(new Stats(4, 4, 0));
        f.answerHourly(counts);
        f.queries.expiring.getLast().complete(List.of(
                new ExpiringMembership("m1", "M0010", "Amara Okafor", "Monthly", LocalDate.of(2026, 11, 30), 3)));
        f.runUi();

        f.resync(new Stats(4, 4, 0));
        f.queries.hourly.getLast().completeExceptionally(new CompletionException(new ConnectException("Connection refused")));
        f.queries.expiring.getLast().completeExceptionally(new ApiException(500, "INTERNAL", "database unavailable", null, "{}"));
        f.runUi();

        assertThat(vm.hourly().error()).isEqualTo("Could not load: Connection refused");
        assertThat(vm.hourly().counts().get(9)).as("the last counts stay").isEqualTo(4);
        assertThat(vm.expiring().error()).isEqualTo("Could not load: database unavailable");
        assertThat(vm.expiring().rows()).extracting(ExpiringRow::memberName).containsExactly("Amara Okafor");

        f.clock.advance(Duration.ofMinutes(1));
        vm.tick();
        int hourlyCalls = f.queries.hourly.size();
        f.resync(new Stats(4, 4, 0));
        assertThat(f.queries.hourly).hasSize(hourlyCalls + 1);
        f.answerHourly(counts);
        f.queries.expiring.getLast().complete(List.of());
        f.runUi();
        assertThat(vm.hourly().error()).isNull();
        assertThat(vm.expiring().error()).isNull();
        assertThat(vm.expiring().rows()).isEmpty();
    }

    @Test
    void aLookupThatThrowsBeforeReturningAFutureIsAFailureToo() {
        DashboardQueries broken = new DashboardFixture.FakeQueries() {
            @Override
            public CompletableFuture<HourlyCheckIns> hourlyToday() {
                throw new IllegalStateException("this backend has no lookups");
            }
        };
        DashboardViewModel model = new DashboardViewModel(broken, f.clock, DashboardFixture.GYM, Runnable::run);
        model.onResync(new Stats(0, 0, 0), List.of());
        assertThat(model.hourly().error()).isEqualTo("Could not load: this backend has no lookups");
        assertThat(model.hourly().loaded()).isFalse();
    }

    @Test
    void reasonsFallBackToTheStatusOrTheExceptionType() {
        assertThat(DashboardViewModel.reason(new ApiException(503, null, null, null, ""))).isEqualTo("the server answered 503");
        assertThat(DashboardViewModel.reason(new IOException())).isEqualTo("IOException");
    }

    private List<String> texts() {
        return vm.recent().stream().map(ActivityRow::text).toList();
    }
}
