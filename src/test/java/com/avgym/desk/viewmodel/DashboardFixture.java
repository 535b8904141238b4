package com.avgym.desk.viewmodel;

import com.avgym.client.QueuedCommand;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.Stats;
import com.avgym.server.support.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A dashboard view-model with a hand-moved clock, lookups that answer when the test says, and a UI thread that
 * runs what was posted only when the test says. The gym is at UTC+3 so "today" differs from UTC's at 22:00Z.
 */
final class DashboardFixture {
    static final ZoneId GYM = ZoneId.of("Africa/Addis_Ababa");
    /** 10:00 in the gym. */
    static final Instant START = Instant.parse("2026-11-27T07:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    /** Hands out open futures so each test decides when and how the "server" answers. */
    static class FakeQueries implements DashboardQueries {
        final List<CompletableFuture<HourlyCheckIns>> hourly = new ArrayList<>();
        final List<CompletableFuture<List<ExpiringMembership>>> expiring = new ArrayList<>();
        final CompletableFuture<List<QueuedCommand>> pending = new CompletableFuture<>();

        @Override
        public CompletableFuture<HourlyCheckIns> hourlyToday() {
            hourly.add(new CompletableFuture<>());
            return hourly.getLast();
        }

        @Override
        public CompletableFuture<List<ExpiringMembership>> expiring(int days) {
            expiring.add(new CompletableFuture<>());
            return expiring.getLast();
        }

        @Override
        public CompletableFuture<List<QueuedCommand>> pendingScans() {
            return pending;
        }
    }

    final MutableClock clock = new MutableClock(START);
    final FakeQueries queries = new FakeQueries();
    final UiQueue uiQueue = new UiQueue();
    final DashboardViewModel vm = new DashboardViewModel(queries, clock, GYM, uiQueue);
    final List<Toast> toasts = new ArrayList<>();

    DashboardFixture() {
        vm.addListener(new DashboardListener() {
            @Override
            public void toast(Toast toast) {
                toasts.add(toast);
            }
        });
    }

    void runUi() {
        uiQueue.run();
    }

    /** Signed in: the first resync, with the lookups it starts answered (hourly all zero, nothing expiring). */
    void started(CheckInView... recent) {
        resync(new Stats(0, 0, 0), recent);
        answerHourly(hours());
        queries.expiring.getLast().complete(List.of());
        runUi();
    }

    void resync(Stats stats, CheckInView... recent) {
        vm.onResync(stats, List.of(recent));
        runUi();
    }

    void answerHourly(List<Integer> counts) {
        queries.hourly.getLast().complete(new HourlyCheckIns(clock.instant().atZone(GYM).toLocalDate(), counts));
        runUi();
    }

    void checkedIn(CheckInView visit) {
        vm.onVisit(visit, true);
        runUi();
    }

    void checkedOut(CheckInView visit) {
        vm.onVisit(visit, false);
        runUi();
    }

    static List<Integer> hours() {
        return new ArrayList<>(Collections.nCopies(HourlyCheckIns.HOURS, 0));
    }

    /** Gym-local time of today, e.g. "09:12". */
    static Instant at(String localTime) {
        return TODAY.atTime(java.time.LocalTime.parse(localTime)).atZone(GYM).toInstant();
    }

    static CheckInView in(String id, String number, String name, Instant at, String location) {
        return new CheckInView(id, "member-" + number, number, name, at, null, location, null, false);
    }

    static CheckInView out(CheckInView visit, Instant at) {
        return new CheckInView(visit.id(), visit.memberId(), visit.membershipNumber(), visit.memberName(),
                visit.checkInTime(), at, visit.location(), null, false);
    }

    static QueuedCommand checkInCommand(String requestId, String number) {
        return new QueuedCommand(1, new CheckInCommand(requestId, number, null, "Front desk", null, START), null);
    }

    static ScanOutcome.Confirmed confirmed(String requestId, CheckInView visit) {
        return new ScanOutcome.Confirmed(requestId, new CommandResult(requestId, visit, new Stats(1, 1, 0), false));
    }
}
