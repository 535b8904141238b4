package com.avgym.desk.viewmodel;

import com.avgym.client.ConnectionSnapshot;

/**
 * The kiosk's small status dot: all a member sees of the connection. Green while scans reach the server (socket
 * or REST backup), grey while connecting, amber offline with how many scans wait to be sent.
 */
public record KioskStatus(Dot dot, int waiting) {
    public enum Dot { LIVE, CONNECTING, OFFLINE }

    public static final KioskStatus STARTING = new KioskStatus(Dot.CONNECTING, 0);

    static KioskStatus of(ConnectionSnapshot s) {
        Dot dot = switch (s.state()) {
            case LIVE, BACKUP -> Dot.LIVE;
            case CONNECTING, CLOSED -> Dot.CONNECTING;
            case RECONNECTING, OFFLINE, AUTH_REQUIRED -> Dot.OFFLINE;
        };
        return new KioskStatus(dot, s.pendingCount());
    }

    /** The number beside the dot: the waiting count while offline, nothing otherwise. */
    public String text() {
        return dot == Dot.OFFLINE && waiting > 0 ? Integer.toString(waiting) : "";
    }
}
