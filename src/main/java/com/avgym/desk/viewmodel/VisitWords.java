package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.CheckInView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the dashboard words a visit, in the toast and in the recent-activity list. */
final class VisitWords {
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_HOUR_MINUTE = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private VisitWords() {
    }

    /** "Jane Doe checked in at Front desk", "Jane Doe checked out". The visit's location is where it began. */
    static String event(CheckInView visit) {
        if (visit.open()) {
            return visit.memberName() + " checked in at " + visit.location();
        }
        return visit.memberName() + (visit.autoClosed() ? " was checked out automatically" : " checked out");
    }

    /** The event with its time; a time of another day carries its date so a stale line cannot pass for today's. */
    static String activity(CheckInView visit, ZoneId zone, LocalDate today) {
        ZonedDateTime at = lastChange(visit).atZone(zone);
        String time = at.toLocalDate().equals(today) ? HOUR_MINUTE.format(at) : DAY_HOUR_MINUTE.format(at);
        return event(visit) + " · " + time;
    }

    /** When the visit last changed: its check-out, or its check-in while it is open. */
    static Instant lastChange(CheckInView visit) {
        return visit.open() ? visit.checkInTime() : visit.checkOutTime();
    }
}
