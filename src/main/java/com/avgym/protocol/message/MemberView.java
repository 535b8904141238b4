package com.avgym.protocol.message;

import java.time.LocalDate;

/**
 * A member as the desk's member card shows it. {@code membershipEnd} is the end of the newest
 * subscription (null if none); {@code openCheckInId} is set while the member is inside.
 */
public record MemberView(String id, String membershipNumber, String fullName, String phone, String status,
                         String planName, LocalDate membershipEnd, boolean membershipCurrent,
                         String openCheckInId) {
}
