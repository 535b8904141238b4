package com.avgym.client;

/**
 * What {@link ConnectionService} knows about REST since the socket was lost. Nothing, at first: BACKUP (and
 * waiting for a scan's REST answer) is claimed only after a poll has answered in this outage, never on the
 * strength of an earlier one, so an outage in which nothing answers reads RECONNECTING, then OFFLINE.
 */
final class RestHealth {
    private boolean known;
    private boolean reachable;

    /** The socket was lost: what REST did before says nothing about now. */
    void socketLost() {
        known = false;
        reachable = false;
    }

    /**
     * A poll answered. True when this is the first answer after REST failed or was unknown: the server is (back)
     * up, so the socket is worth trying at once.
     */
    boolean answered() {
        boolean back = !known || !reachable;
        known = true;
        reachable = true;
        return back;
    }

    /** A poll got no answer, or an error that is not about the token. */
    void failed() {
        known = true;
        reachable = false;
    }

    /** REST answered in this outage and has not failed since. */
    boolean works() {
        return known && reachable;
    }

    /** The state while the socket has been down long enough to poll. */
    ConnectionState downState() {
        return !known ? ConnectionState.RECONNECTING : reachable ? ConnectionState.BACKUP : ConnectionState.OFFLINE;
    }
}
