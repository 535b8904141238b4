package com.avgym.desk.viewmodel;

import static com.avgym.desk.viewmodel.DashboardFixture.at;
import static com.avgym.desk.viewmodel.DashboardFixture.hours;
import static com.avgym.desk.viewmodel.DashboardFixture.in;
import static com.avgym.desk.viewmodel.DashboardFixture.out;
import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.Stats;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Today's check-ins by hour: loaded on start and resync, counted up live, reloaded when the gym's day changes. */
class DashboardHourlyTest {
    private final DashboardFixture f = new DashboardFixture();
    private final DashboardViewModel vm = f.vm;

    @Test
    void loadedOnTheFirstResyncAndAfterEveryOther() {
        assertThat(vm.hourly().loaded()).isFalse();
        assertThat(f.queries.hourly).as("not before sign-in").isEmpty();
        List<Integer> counts = hours();
        counts.set(8, 3);
        f.resync(new Stats(0, 3, 0));
        f.answerHourly(counts);
        assertThat(vm.hourly().date()).isEqualTo(DashboardFixture.TODAY);
        assertThat(vm.hourly().counts().get(8)).isEqualTo(3);

        f.resync(new Stats(0, 3, 0));
        assertThat(f.queries.hourly).hasSize(2);
    }

    @Test
    void aCheckInOfTodayCountsInItsGymLocalHourOnce() {
        f.started();
        CheckInView jane = in("v1", "M0001", "Jane Doe", at("09:12"), "Side door");

        f.checkedIn(jane);
        f.checkedIn(jane);
        f.checkedOut(out(jane, at("09:50")));

        assertThat(vm.hourly().counts().get(9)).as("09:12 in the gym is 06:12 UTC; a repeat and the check-out add nothing")
                .isEqualTo(1);
        assertThat(vm.hourly().counts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    }

    @Test
    void checkInsOfEarlierDaysAreNotOnTodaysChart() {
        f.started();
        // A scan queued offline yesterday evening, sent this morning with its original time.
        f.checkedIn(in("v1", "M0001", "Jane Doe", at("20:30").minus(Duration.ofDays(1)), "Front desk"));
        // 23:30 UTC yesterday is already 02:30 today in the gym: it counts, at 02.
        f.checkedIn(in("v2", "M0002", "Omar Haddad", Instant.parse("2026-11-26T23:30:00Z"), "Front desk"));

        assertThat(vm.hourly().counts().get(20)).isZero();
        assertThat(vm.hourly().counts().get(2)).isEqualTo(1);
        assertThat(f.queries.hourly).as("an earlier day is no reason to reload").hasSize(1);
    }

    @Test
    void aCheckInWhileTheAnswerIsOnItsWayLoadsAgainAfterIt() {
        f.resync(new Stats(0, 0, 0));
        f.checkedIn(in("v1", "M0001", "Jane Doe", at("09:12"), "Front desk"));
        assertThat(f.queries.hourly).hasSize(1);

        f.answerHourly(hours());
        assertThat(f.queries.hourly).as("the first answer may predate the check-in").hasSize(2);
        List<Integer> counts = hours();
        counts.set(9, 1);
        f.answerHourly(counts);
        f.checkedIn(in("v1", "M0001", "Jane Doe", at("09:12"), "Front desk"));

        assertThat(vm.hourly().counts().get(9)).as("the visit the answer holds is not counted again").isEqualTo(1);
        assertThat(f.queries.hourly).hasSize(2);
    }

    @Test
    void whenTheGymsDayChangesTheChartReloads() {
        f.started();
        f.checkedIn(in("v1", "M0001", "Jane Doe", at("22:10"), "Front desk"));
        assertThat(vm.hourly().counts().get(22)).isEqualTo(1);

        f.clock.set(at("23:59:30"));
        vm.tick();
        assertThat(f.queries.hourly).hasSize(1);
        f.clock.set(at("00:00:30").plus(Duration.ofDays(1)));
        vm.tick();
        assertThat(f.queries.hourly).as("midnight in the gym").hasSize(2);
        vm.tick();
        assertThat(f.queries.hourly).as("one reload, not one per tick").hasSize(2);

        f.answerHourly(hours());
        assertThat(vm.hourly().date()).isEqualTo(LocalDate.of(2026, 11, 28));
        assertThat(vm.hourly().counts()).containsOnly(0);
        f.checkedIn(in("v2", "M0002", "Omar Haddad", at("00:05").plus(Duration.ofDays(1)), "Front desk"));
        assertThat(vm.hourly().counts().getFirst()).isEqualTo(1);
        assertThat(f.queries.expiring).as("days left change with the date too").hasSize(2);
    }

    @Test
    void aCheckInOfTheNextDayBeforeTheTickReloadsAtOnce() {
        f.started();
        Instant tomorrow = at("00:02").plus(Duration.ofDays(1));
        f.clock.set(tomorrow);
        f.checkedIn(in("v1", "M0001", "Jane Doe", tomorrow, "Front desk"));
        assertThat(f.queries.hourly).hasSize(2);

        List<Integer> counts = hours();
        counts.set(0, 1);
        f.queries.hourly.getLast().complete(new HourlyCheckIns(LocalDate.of(2026, 11, 28), counts));
        f.runUi();
        f.checkedIn(in("v1", "M0001", "Jane Doe", tomorrow, "Front desk"));
        assertThat(vm.hourly().counts().getFirst()).as("the new day's answer holds it already").isEqualTo(1);
    }

    @Test
    void theRecentListCarriesDatesOnceTheDayHasChanged() {
        f.started(in("v1", "M0001", "Jane Doe", at("21:40"), "Front desk"));
        assertThat(vm.recent().getFirst().text()).endsWith("· 21:40");
        f.clock.set(at("00:00:01").plus(Duration.ofDays(1)));
        vm.tick();
        assertThat(vm.recent().getFirst().text()).endsWith("· 27 Nov 21:40");
    }
}
