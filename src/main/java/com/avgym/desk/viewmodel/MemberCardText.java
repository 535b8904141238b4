package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.MemberView;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/** Words a {@link MemberView} (and, while the member is inside, the open visit's start) for the member card. */
public final class MemberCardText {
    private final DeskDates dates;

    public MemberCardText(Clock clock) {
        this.dates = new DeskDates(clock);
    }

    /** {@code since} is the open visit's check-in time, null when out or unknown. */
    public MemberCard card(MemberView m, Instant since) {
        boolean inactive = !"active".equals(m.status());
        boolean current = m.membershipCurrent();
        LocalDate end = m.membershipEnd();
        String standing = inactive ? "Inactive" : current ? "Active" : end == null ? "No membership" : "Expired";
        boolean inside = m.openCheckInId() != null;
        String presence = !inside ? "Not in the gym" : since == null ? "Inside" : "Inside since " + dates.dayTime(since);
        return new MemberCard(m.fullName(), m.membershipNumber(), m.planName() != null ? m.planName() : "No plan",
                membership(current, end), standing, !current, inactive, presence, inside);
    }

    /**
     * A card from the desk's member list while the server is away: the same standing, and instead of the presence
     * (which the list does not know) the list's age, "From the member list of 10:42".
     */
    public MemberCard fromList(MemberView m, Instant listAsOf) {
        MemberCard c = card(m, null);
        return new MemberCard(c.name(), c.number(), c.plan(), c.membership(), c.standing(), c.expired(), c.inactive(),
                "From the member list of " + dates.dayTime(listAsOf), false);
    }

    /** "Not in the member list of 10:42": the list has no such card (it may be newer than the list). */
    public String notInList(Instant listAsOf) {
        return "Not in the member list of " + dates.dayTime(listAsOf);
    }

    private String membership(boolean current, LocalDate end) {
        if (end == null) {
            return "No membership";
        }
        if (current) {
            return "Membership ends " + dates.day(end);
        }
        // Not current but ending later: the newest subscription has not started yet.
        return end.isBefore(dates.today()) ? "Membership expired on " + dates.day(end)
                : "No current membership (next ends " + dates.day(end) + ")";
    }
}
