package com.avgym.server.cluster;

/**
 * One cluster-wide order to close sockets, sent as the JSON payload of a NOTIFY. {@code node} is the sender, which
 * has already acted on it locally and ignores its own echo; {@code id} is a session id or a user id, never a token.
 */
public record ControlMessage(String node, String kind, String id) {
    public static final String SESSION_REVOKED = "session_revoked";
    public static final String USER_CHANGED = "user_changed";
}
