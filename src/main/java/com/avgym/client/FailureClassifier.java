package com.avgym.client;

import com.avgym.protocol.CloseCodes;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns every way a connection can fail into one {@link ConnectionError}. The policy table of docs/PROTOCOL.md. */
public final class FailureClassifier {
    /** Java-WebSocket reports a refused upgrade as close 1002 with this reason: "Invalid status code received: 401 Status line: ...". */
    private static final Pattern HANDSHAKE_STATUS = Pattern.compile("Invalid status code received: (\\d{3})");
    /** Java-WebSocket's code for "never connected" (refused, unreachable). */
    static final int NEVER_CONNECTED = -1;
    /** The reserved WebSocket code for a failed TLS handshake (never on the wire): the server's certificate was refused. */
    static final int TLS_REFUSED = 1015;
    public static final Duration OVERLOAD_WAIT = Duration.ofSeconds(30);
    /** A draining server's 1012 reason says when to come back: "restart; retry-after-ms=NNNN" (PROTOCOL.md section 9). */
    private static final Pattern RETRY_HINT = Pattern.compile("(?:^|;)\\s*retry-after-ms=(\\d{1,9})\\s*(?:;|$)");
    /** A hint beyond this is a mistake, not a plan: the client waits no longer than this. */
    public static final Duration MAX_RETRY_HINT = Duration.ofMinutes(1);

    private FailureClassifier() {
    }

    /** The HTTP status of a refused upgrade, parsed from Java-WebSocket's 1002 close reason. */
    public static OptionalInt handshakeStatus(int closeCode, String reason) {
        if (closeCode != CloseCodes.PROTOCOL_ERROR || reason == null) {
            return OptionalInt.empty();
        }
        Matcher m = HANDSHAKE_STATUS.matcher(reason);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** A socket that closed (or never opened) with {@code code}. */
    public static ConnectionError ofClose(int code, String reason) {
        OptionalInt status = handshakeStatus(code, reason);
        if (status.isPresent()) {
            return ofHttp(status.getAsInt(), null, "upgrade refused with HTTP " + status.getAsInt(), null);
        }
        if (code == TLS_REFUSED) {
            // 1015 is never on the wire: no close code to show, the reason says which certificate was refused.
            return new ConnectionError(ErrorClass.UNTRUSTED_SERVER, reason, null, null, null, null);
        }
        ErrorClass type = switch (code) {
            case CloseCodes.GOING_AWAY, CloseCodes.RESTART -> ErrorClass.RESTART;
            case CloseCodes.INTERNAL -> ErrorClass.SERVER;
            case CloseCodes.TRY_AGAIN_LATER, CloseCodes.RATE_LIMITED -> ErrorClass.OVERLOADED;
            case CloseCodes.TOKEN_EXPIRED -> ErrorClass.TOKEN_EXPIRED;
            case CloseCodes.FORBIDDEN -> ErrorClass.FORBIDDEN;
            case CloseCodes.PROTOCOL_ERROR, CloseCodes.MESSAGE_TOO_BIG, CloseCodes.PROTOCOL_VIOLATIONS -> ErrorClass.PROTOCOL;
            case CloseCodes.HEARTBEAT_TIMEOUT -> ErrorClass.HEARTBEAT;
            case CloseCodes.CLIENT_TOO_SLOW -> ErrorClass.SLOW;
            default -> ErrorClass.NETWORK; // 1006, never connected, anything unexpected
        };
        String message = reason == null || reason.isBlank() ? "socket closed (" + code + ")" : reason;
        Duration wait = type == ErrorClass.OVERLOADED ? OVERLOAD_WAIT : type == ErrorClass.RESTART ? retryHint(reason) : null;
        return new ConnectionError(type, message, code, null, null, wait);
    }

    /** The wait a restarting server asked for in its close reason; null when it gave none (or one we cannot read). */
    static Duration retryHint(String reason) {
        if (reason == null) {
            return null;
        }
        Matcher m = RETRY_HINT.matcher(reason);
        if (!m.find()) {
            return null;
        }
        Duration hint = Duration.ofMillis(Long.parseLong(m.group(1)));
        return hint.compareTo(MAX_RETRY_HINT) > 0 ? MAX_RETRY_HINT : hint;
    }

    /**
     * An HTTP failure (upgrade or REST). {@code code} is the body's error code when known; a 401 from
     * the refresh endpoint is AUTH_INVALID, any other 401 TOKEN_EXPIRED (a refresh will tell).
     */
    public static ConnectionError ofHttp(int status, String code, String message, Duration retryAfter) {
        ErrorClass type;
        if (status == 401) {
            type = ErrorClass.TOKEN_EXPIRED;
        } else if (status == 403) {
            type = ErrorClass.FORBIDDEN;
        } else if (status == 429 || status == 503) {
            type = ErrorClass.OVERLOADED;
        } else if (status >= 500) {
            type = ErrorClass.SERVER;
        } else {
            type = ErrorClass.PROTOCOL;
        }
        Duration wait = type == ErrorClass.OVERLOADED
                ? (retryAfter != null && retryAfter.compareTo(OVERLOAD_WAIT) > 0 ? retryAfter : OVERLOAD_WAIT) : null;
        String text = code == null ? message : code + ": " + message;
        return new ConnectionError(type, text, null, status, null, wait);
    }

    /** A refresh the server refused: the session is over. */
    public static ConnectionError refreshRefused(int status, String code) {
        return new ConnectionError(status == 403 ? ErrorClass.FORBIDDEN : ErrorClass.AUTH_INVALID,
                "sign-in expired" + (code == null ? "" : " (" + code + ")"), null, status, null, null);
    }

    /** A REST call that failed below HTTP: a refused certificate, or no answer at all ({@code what} says which call). */
    public static ConnectionError ofIo(String what, java.io.IOException e) {
        if (e instanceof UntrustedServerException) {
            return new ConnectionError(ErrorClass.UNTRUSTED_SERVER, e.getMessage(), null, null, null, null);
        }
        // IOExceptions from java.net.http often have no message; the type says enough (ConnectException...).
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return network(what + " (" + detail + ")");
    }

    /** No answer at all: refused, unreachable, timed out. */
    public static ConnectionError network(String message) {
        return new ConnectionError(ErrorClass.NETWORK, message, null, null, null, null);
    }

    public static ConnectionError heartbeat(Duration silence) {
        return new ConnectionError(ErrorClass.HEARTBEAT, "no frame from the server for " + silence.toMillis() + " ms",
                null, null, null, null);
    }
}
