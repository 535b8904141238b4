package com.avgym.protocol.message;

import java.time.LocalDate;

/**
 * One member as a desk's or kiosk's local roster holds it: enough to decide a scan offline and to show the member.
 * {@code status} is "active" or "inactive"; {@code membershipEnd} and {@code plan} are those of the newest
 * subscription (null when there is none); {@code photoEtag} is the ETag of the member's photo, null without one.
 */
public record RosterEntry(String memberId, String number, String name, String status, LocalDate membershipEnd,
                          String plan, String photoEtag) {
}
