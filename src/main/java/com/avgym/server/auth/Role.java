package com.avgym.server.auth;

import java.util.Locale;

/**
 * Account roles. Admin and staff check members in and out; trainers read. A kiosk is an unattended device: it
 * may check members in and read the roster, nothing else, so no member's visits or names stream to it.
 */
public enum Role {
    ADMIN, STAFF, TRAINER, MEMBER, KIOSK;

    public boolean mayWrite() {
        return this == ADMIN || this == STAFF;
    }

    /** Roles that may sign in to the desk or kiosk app at all (the socket, their own account). */
    public boolean mayUseDesk() {
        return this != MEMBER;
    }

    /** Roles that may read the desk's data (members, visits, stats, events): every desk role but the kiosk. */
    public boolean mayRead() {
        return mayUseDesk() && this != KIOSK;
    }

    /** Roles that may check a member in (without an override, which stays {@link #mayWrite()}). */
    public boolean mayCheckIn() {
        return mayWrite() || this == KIOSK;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    /** The wire names, for messages that list the accepted roles. */
    public static String wireNames() {
        return java.util.Arrays.stream(values()).map(Role::wireName).collect(java.util.stream.Collectors.joining(", "));
    }
}
