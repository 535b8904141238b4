package com.avgym.desk.viewmodel;

/**
 * One line of the dashboard's "Needs review" list, worded: {@code time} of the scan ("10:42" today, "1 Dec 18:05"
 * before), {@code member} "M0013 Jane Doe", {@code what} happened in staff words, {@code location}.
 * {@code acknowledging}: the note is on its way to the server; {@code error}: the last acknowledgement failed (the
 * note is kept for the next try), else null.
 */
public record ReviewRow(String id, String time, String member, String what, String location, boolean acknowledging,
                        String error) {
}
