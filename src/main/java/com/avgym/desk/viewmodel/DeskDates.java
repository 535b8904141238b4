package com.avgym.desk.viewmodel;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How every desk screen writes dates and times: in the desk's zone, and with a year only when it is not
 * this year's ("3 Oct", "3 Oct 2025"), so one screen never says "3 Oct" where another says "2026-10-03".
 */
final class DeskDates {
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final Clock clock;
    private final ZoneId zone;

    /** {@code clock}'s zone is the desk's zone; its instant decides what "this year" and "today" are. */
    DeskDates(Clock clock) {
        this(clock, clock.getZone());
    }

    /** Times from {@code clock}, shown in {@code zone}. */
    DeskDates(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    LocalDate dateOf(Instant t) {
        return t.atZone(zone()).toLocalDate();
    }

    String day(LocalDate date) {
        return (date.getYear() == today().getYear() ? DAY_MONTH : DAY_MONTH_YEAR).format(date);
    }

    String time(Instant t) {
        return HOUR_MINUTE.format(t.atZone(zone()));
    }

    /** "09:12" today, "26 Nov 21:40" on another day. */
    String dayTime(Instant t) {
        LocalDate date = dateOf(t);
        return date.equals(today()) ? time(t) : day(date) + " " + time(t);
    }
}
