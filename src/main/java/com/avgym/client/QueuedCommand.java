package com.avgym.client;

import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckOutCommand;

/**
 * A scan waiting for the server's answer, as stored in the offline queue. Exactly one of
 * {@code checkIn} / {@code checkOut} is set; {@code position} orders the queue.
 */
public record QueuedCommand(long position, CheckInCommand checkIn, CheckOutCommand checkOut) {
    public String clientRequestId() {
        return checkIn != null ? checkIn.clientRequestId() : checkOut.clientRequestId();
    }

    public boolean isCheckIn() {
        return checkIn != null;
    }

    /** The member number, for lists such as "3 check-ins waiting to sync". */
    public String label() {
        if (checkIn != null) {
            return checkIn.membershipNumber() != null ? checkIn.membershipNumber() : checkIn.memberId();
        }
        return checkOut.membershipNumber() != null ? checkOut.membershipNumber() : checkOut.checkInId();
    }
}
