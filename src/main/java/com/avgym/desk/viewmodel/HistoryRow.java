package com.avgym.desk.viewmodel;

/**
 * One row of the history table, worded. {@code checkOut} is "inside" while the visit is open; {@code autoClosed}
 * is "auto-closed" when the server closed a visit left open past the maximum stay, else empty. {@code pending}:
 * a check-out of this visit is waiting for the server's answer. {@code memberId}: for the row's photo.
 */
public record HistoryRow(String id, String member, String number, String checkIn, String checkOut, String duration,
                         String location, String autoClosed, boolean open, boolean pending, String memberId) {
}
