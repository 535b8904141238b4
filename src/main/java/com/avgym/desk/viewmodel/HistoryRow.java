package com.avgym.desk.viewmodel;

/**
 * One row of the history table, worded. {@code checkOut} is "inside" while the visit is open; {@code autoClosed}
 * is the row's note: "auto-closed" when the server closed a visit left open past the maximum stay, "let in anyway:
 * {reason} ({by})" for a visit let in despite an expired or inactive membership, else empty. {@code pending}:
 * a check-out of this visit is waiting for the server's answer. {@code memberId}: for the row's photo.
 * {@code review}: for a visit let in offline that the server would have refused, why ("Let in offline; membership
 * had ended (3 Mar)"); the note then starts with "needs review". Null otherwise.
 */
public record HistoryRow(String id, String member, String number, String checkIn, String checkOut, String duration,
                         String location, String autoClosed, boolean open, boolean pending, String memberId,
                         String review) {
}
