package com.avgym.desk.viewmodel;

/**
 * What the check-in desk's big result panel shows for the newest scan, worded. {@code headline} is the word read
 * from across the desk ("Checked in", "Membership expired"); {@code name} the member's name when the answer has
 * one; {@code initials} stand in for the photo; {@code photoKey} is the membership number as read (what a photo
 * is looked up by); {@code numberRead} "Number read: M0099"; {@code answeredAt} "Answered 10:42:05"; {@code advice}
 * says what to do next. {@code overridable}: "Let in anyway" is offered for {@code photoKey}. {@code faded}: the
 * answer is older than {@link ResultPanelModel#FADE_AFTER} and shown in neutral colours.
 */
public record PanelResult(Tone tone, String headline, String name, String initials, String photoKey,
                          String numberRead, String answeredAt, String advice, boolean overridable, boolean faded) {
    /**
     * The panel's colour. NOTICE: refused, but nothing wrong with the membership (already in, not in).
     * OFFLINE_ADMITTED / OFFLINE_REFUSED: decided from the desk's member list while the server was away; the scan
     * waits in the queue like a QUEUED one.
     */
    public enum Tone {
        IDLE, PENDING, ADMITTED, REFUSED, NOTICE, QUEUED, ERROR, OFFLINE_ADMITTED, OFFLINE_REFUSED;

        /** The scan is in the offline queue, so the panel says what it waits for (the server, or a sign-in). */
        public boolean waitsInQueue() {
            return this == QUEUED || this == OFFLINE_ADMITTED || this == OFFLINE_REFUSED;
        }
    }

    public static PanelResult idle() {
        return new PanelResult(Tone.IDLE, "Ready", "", "", null, "", "", "Scan a membership card", false, false);
    }

    PanelResult fadedCopy() {
        return new PanelResult(tone, headline, name, initials, photoKey, numberRead, answeredAt, advice, overridable, true);
    }
}
