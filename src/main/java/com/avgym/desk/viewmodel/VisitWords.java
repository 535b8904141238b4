package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.CheckInView;
import java.time.Instant;

/** How the dashboard words a visit, in the toast and in the recent-activity list. */
final class VisitWords {
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
    static String activity(CheckInView visit, DeskDates dates) {
        return event(visit) + " · " + dates.dayTime(lastChange(visit));
    }

    /** When the visit last changed: its check-out, or its check-in while it is open. */
    static Instant lastChange(CheckInView visit) {
        return visit.open() ? visit.checkInTime() : visit.checkOutTime();
    }
}
