package com.avgym.client;

import java.util.Locale;

/**
 * What a device decides when a check-in cannot reach the server (desk.properties {@code offline-policy}).
 * {@link #ADMIT_KNOWN}: decide from the local roster (admit an active, current member; turn the others away).
 * {@link #QUEUE_ONLY}: decide nothing, only queue the scan, as before the roster existed.
 */
public enum OfflinePolicy {
    ADMIT_KNOWN("admit-known"),
    QUEUE_ONLY("queue-only");

    private final String setting;

    OfflinePolicy(String setting) {
        this.setting = setting;
    }

    /** The value as written in desk.properties. */
    public String setting() {
        return setting;
    }

    /** Parses {@code admit-known} or {@code queue-only} (any case); anything else is refused with the choices. */
    public static OfflinePolicy fromSetting(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (OfflinePolicy p : values()) {
            if (p.setting.equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("offline-policy must be admit-known or queue-only, not '" + value + "'");
    }
}
