package com.avgym.desk.viewmodel;

import java.util.List;

/** The reasons offered for "Let in anyway": a short list, and "Other" with the reason typed in. */
public final class OverrideReasons {
    public static final String OTHER = "Other";
    public static final List<String> CHOICES = List.of("Renewing today", "Manager approval", "Guest pass", OTHER);

    private OverrideReasons() {
    }

    /** The reason to send for a choice and the typed text, or null while there is none (nothing may be sent). */
    public static String reason(String choice, String typed) {
        if (choice == null || choice.isBlank()) {
            return null;
        }
        if (!OTHER.equals(choice)) {
            return choice;
        }
        String t = typed == null ? "" : typed.strip();
        return t.isEmpty() ? null : t.length() > com.avgym.protocol.message.OverrideRequest.MAX_REASON
                ? t.substring(0, com.avgym.protocol.message.OverrideRequest.MAX_REASON) : t;
    }
}
