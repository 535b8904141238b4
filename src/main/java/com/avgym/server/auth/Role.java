package com.avgym.server.auth;

import java.util.Locale;

/** Staff roles. Only admin and staff may check members in or out; trainers read. */
public enum Role {
    ADMIN, STAFF, TRAINER, MEMBER;

    public boolean mayWrite() {
        return this == ADMIN || this == STAFF;
    }

    /** Roles that may use the desk at all (REST reads and the socket). */
    public boolean mayUseDesk() {
        return this != MEMBER;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
