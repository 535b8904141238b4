package com.avgym.client;

/** What the desk can rely on right now. See docs/PROTOCOL.md, "Client policy". */
public enum ConnectionState {
    /** First socket attempt under way. */
    CONNECTING,
    /** Socket open and greeted: updates arrive as they happen. */
    LIVE,
    /** Socket lost; the next attempt is scheduled (time and attempt number in the snapshot). */
    RECONNECTING,
    /** Socket down for a while; REST polling keeps data fresh while socket attempts continue. */
    BACKUP,
    /** Server unreachable by REST too; scans are queued on disk. */
    OFFLINE,
    /** Refresh refused or account blocked: a person must sign in again. Queued scans are kept. */
    AUTH_REQUIRED,
    /** Signed out or shut down. */
    CLOSED
}
