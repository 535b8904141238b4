package com.avgym.protocol;

import java.util.Map;

/** WebSocket close codes the server uses. docs/PROTOCOL.md says what a client does on each. */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int ABNORMAL = 1006;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL = 1011;
    public static final int RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int TOKEN_EXPIRED = 4401;
    public static final int FORBIDDEN = 4403;
    public static final int HEARTBEAT_TIMEOUT = 4408;
    public static final int CLIENT_TOO_SLOW = 4409;
    public static final int RATE_LIMITED = 4429;
    public static final int PROTOCOL_VIOLATIONS = 4400;

    /** Reason phrases sent with each code; never contain user data. */
    public static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(NORMAL, "normal"),
            Map.entry(GOING_AWAY, "server going away"),
            Map.entry(MESSAGE_TOO_BIG, "frame too large"),
            Map.entry(INTERNAL, "internal error"),
            Map.entry(RESTART, "server restarting"),
            Map.entry(TRY_AGAIN_LATER, "overloaded"),
            Map.entry(TOKEN_EXPIRED, "token expired or revoked"),
            Map.entry(FORBIDDEN, "user deactivated or role removed"),
            Map.entry(HEARTBEAT_TIMEOUT, "no frame from client"),
            Map.entry(CLIENT_TOO_SLOW, "client too slow"),
            Map.entry(RATE_LIMITED, "message rate limit exceeded"),
            Map.entry(PROTOCOL_VIOLATIONS, "repeated protocol violations"));

    public static String reason(int code) {
        return REASONS.getOrDefault(code, "");
    }

    private CloseCodes() {
    }
}
