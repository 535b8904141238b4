package com.avgym.desk.viewmodel;

/** One line of the recent-activity list; {@code checkedIn} is whether the visit is still open (for styling). */
public record ActivityRow(String visitId, String text, boolean checkedIn) {
}
