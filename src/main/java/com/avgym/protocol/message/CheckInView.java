package com.avgym.protocol.message;

import java.time.Instant;

/**
 * One visit as every screen shows it; payload of member_checked_in/out and check_*_success. {@code override} is
 * set on a visit let in despite an expired membership or inactive account, else null; {@code needsReview} on a visit
 * admitted offline that the server would have refused, else null.
 */
public record CheckInView(String id, String memberId, String membershipNumber, String memberName,
                          Instant checkInTime, Instant checkOutTime, String location, String notes,
                          boolean autoClosed, VisitOverride override, NeedsReview needsReview) {
    /** A visit without review flag. */
    public CheckInView(String id, String memberId, String membershipNumber, String memberName, Instant checkInTime,
                       Instant checkOutTime, String location, String notes, boolean autoClosed,
                       VisitOverride override) {
        this(id, memberId, membershipNumber, memberName, checkInTime, checkOutTime, location, notes, autoClosed,
                override, null);
    }

    /** A visit without override. */
    public CheckInView(String id, String memberId, String membershipNumber, String memberName, Instant checkInTime,
                       Instant checkOutTime, String location, String notes, boolean autoClosed) {
        this(id, memberId, membershipNumber, memberName, checkInTime, checkOutTime, location, notes, autoClosed, null);
    }

    /** The same visit, closed at {@code at}. */
    public CheckInView closedAt(Instant at) {
        return new CheckInView(id, memberId, membershipNumber, memberName, checkInTime, at, location, notes,
                autoClosed, override, needsReview);
    }
    public boolean open() {
        return checkOutTime == null;
    }
}
