package com.avgym.desk.viewmodel;

/**
 * What the member card shows, worded. {@code standing} is "Active", "Expired", "No membership" or "Inactive";
 * {@code expired} and {@code inactive} let the view mark the card, since either stops a check-in.
 */
public record MemberCard(String name, String number, String plan, String membership, String standing,
                         boolean expired, boolean inactive, String presence, boolean inside) {
}
