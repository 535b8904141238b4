package com.avgym.client;

import com.avgym.protocol.message.TokenPair;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a staff member's password for leaving kiosk mode, against the server: it signs in with a session of its
 * own (never the kiosk's), reads the role, and signs that session out again at once, so the check leaves nothing
 * open on the server. Only admin and staff accounts may leave; a kiosk or trainer account is refused like a wrong
 * password. Runs on {@code executor}; the password is wiped after the call and never logged.
 */
public final class StaffPasswordCheck {
    private static final Logger log = LoggerFactory.getLogger(StaffPasswordCheck.class);
    private static final Set<String> MAY_LEAVE = Set.of("admin", "staff");

    /** What the check found. */
    public enum Result {
        /** An active admin or staff account with this password. */
        ACCEPTED,
        /** Wrong username or password, a deactivated account, or an account that may not leave kiosk mode. */
        REFUSED,
        /** The server throttles sign-ins from here for now. */
        TOO_MANY_TRIES,
        /** No answer from the server: nothing can be checked while offline. */
        UNREACHABLE
    }

    private final BackendApi api;
    private final Executor executor;

    public StaffPasswordCheck(BackendApi api, Executor executor) {
        this.api = Objects.requireNonNull(api);
        this.executor = Objects.requireNonNull(executor);
    }

    /** Takes over {@code password}: it is wiped once the server answered. */
    public CompletableFuture<Result> check(String username, char[] password) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return checkNow(username, password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }, executor);
    }

    private Result checkNow(String username, char[] password) {
        TokenPair pair;
        try {
            pair = api.login(username, password);
        } catch (ApiException e) {
            log.info("kiosk exit: sign-in as {} refused ({} {})", username, e.status(), e.code());
            return e.status() == 429 ? Result.TOO_MANY_TRIES : Result.REFUSED;
        } catch (IOException e) {
            log.info("kiosk exit: cannot reach the server to check {}: {}", username, e.getClass().getSimpleName());
            return Result.UNREACHABLE;
        }
        String role = pair.user() == null || pair.user().role() == null ? "" : pair.user().role().toLowerCase(Locale.ROOT);
        try {
            api.logout(pair.access(), pair.refresh());
        } catch (IOException | ApiException e) {
            // The session only expires then; the answer to the password stands.
            log.info("kiosk exit: the check's own session could not be signed out: {}", e.getClass().getSimpleName());
        }
        if (!MAY_LEAVE.contains(role)) {
            log.info("kiosk exit: {} is a {} account, which may not leave kiosk mode", username, role);
            return Result.REFUSED;
        }
        log.info("kiosk exit: accepted for {}", username);
        return Result.ACCEPTED;
    }
}
