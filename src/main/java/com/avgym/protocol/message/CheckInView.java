package com.avgym.protocol.message;

import java.time.Instant;

/** One visit as every screen shows it; payload of member_checked_in/out and check_*_success. */
public record CheckInView(String id, String memberId, String membershipNumber, String memberName,
                          Instant checkInTime, Instant checkOutTime, String location, String notes,
                          boolean autoClosed) {
    public boolean open() {
        return checkOutTime == null;
    }
}
