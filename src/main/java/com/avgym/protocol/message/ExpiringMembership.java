package com.avgym.protocol.message;

import java.time.LocalDate;

public record ExpiringMembership(String memberId, String membershipNumber, String fullName, String planName,
                                 LocalDate endDate, long daysLeft) {
}
