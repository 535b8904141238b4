package com.avgym.protocol.message;

/** On a visit that was let in despite MEMBERSHIP_EXPIRED or MEMBER_INACTIVE: why, and the username who did it. */
public record VisitOverride(String reason, String by) {
}
