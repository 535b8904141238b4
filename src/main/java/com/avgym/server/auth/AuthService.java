package com.avgym.server.auth;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.message.TokenPair;
import com.avgym.protocol.CloseCodes;
import com.avgym.protocol.message.UserView;
import com.avgym.server.cluster.ControlChannel;
import com.avgym.server.cluster.ControlMessage;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, refresh-token rotation, logout and access-token checks. A session is one chain of rotated
 * refresh tokens; re-using a rotated token revokes the whole chain (it has leaked).
 */
public final class AuthService {
    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    /** Verified against when the username is unknown, so timing does not reveal which names exist. */
    private volatile String dummyHash;

    private final Database db;
    private final UserStore users;
    private final TokenService tokens;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final RefreshRotation rotation;
    private final ControlChannel control;

    public AuthService(Database db, UserStore users, TokenService tokens, PasswordHasher hasher, Clock clock) {
        this(db, users, tokens, hasher, clock, new LocalSignInThrottle(clock), ControlChannel.local("local"));
    }

    /**
     * With the throttle and control channel of a cluster node: revocations and lost access are published to
     * every node in the transaction that records them.
     */
    public AuthService(Database db, UserStore users, TokenService tokens, PasswordHasher hasher, Clock clock,
                       SignInThrottle throttle, ControlChannel control) {
        this.db = db;
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.clock = clock;
        this.throttle = throttle;
        this.control = control;
        this.rotation = new RefreshRotation(db, tokens, clock, this::activeUser, this::revokeSession);
    }

    /** Called with a session id when its tokens stop being valid (on any node), so live sockets can be closed. */
    public void onSessionRevoked(Consumer<String> listener) {
        control.onSessionRevoked(listener);
    }

    /** Called with a user id when the account is deactivated or loses access (on any node). */
    public void onUserChanged(Consumer<String> listener) {
        control.onUserChanged(listener);
    }

    /**
     * The close code a socket opened by {@code p} deserves now (4401 revoked session, 4403 deactivated or lost
     * access), or 0 when it may stay: a node that missed control notifications re-checks its sockets with it.
     */
    public int closeCodeFor(Principal p) {
        boolean revoked = db.read(c -> Sql.one(c, "SELECT revoked_at FROM sessions WHERE id = ?",
                rs -> Sql.nullableLong(rs, "revoked_at") != null, p.sessionId())).orElse(true);
        if (revoked) {
            return CloseCodes.TOKEN_EXPIRED;
        }
        Optional<User> user = users.byId(p.userId());
        if (user.isEmpty() || !user.get().active() || lostAccess(p.role(), user.get().role())) {
            return CloseCodes.FORBIDDEN;
        }
        return 0;
    }

    /**
     * Checks a password. The throttle admits the attempt (or refuses it, 429) before the hash is computed, and
     * counts it against {@code address} as well as the username.
     */
    public TokenPair login(String username, char[] password, String address) {
        Optional<User> found;
        try (SignInThrottle.Attempt attempt = throttle.begin(username, address)) {
            found = users.byUsername(username);
            boolean ok = hasher.verify(password, found.map(User::passwordHash).orElseGet(this::dummyHash)) && found.isPresent();
            if (!ok || !found.get().active()) {
                attempt.failed();
                log.info("sign-in refused for a username ({} failure)", found.isPresent() ? "password" : "unknown user");
                throw new AuthException(ErrorCode.INVALID_CREDENTIALS, "wrong username or password");
            }
            attempt.succeeded();
        }
        User user = found.get();
        String sessionId = UUID.randomUUID().toString();
        db.write(c -> Sql.update(c, "INSERT INTO sessions (id, user_id, created_at) VALUES (?,?,?)",
                sessionId, user.id(), clock.millis()));
        TokenPair pair = rotation.start(user, sessionId);
        log.info("user {} signed in (session {})", user.username(), sessionId);
        return new TokenPair(pair.access(), pair.refresh(), view(user));
    }

    /**
     * Rotates a refresh token. A token that was already used revokes its whole session, unless it is
     * retried within 30 s of its rotation while its successor is unused (see {@link RefreshRotation}).
     */
    public TokenPair refresh(String refreshToken) {
        return rotation.rotate(refreshToken);
    }

    /** Ends the session the refresh token belongs to (or the caller's session when none is given). */
    public void logout(Principal caller, String refreshToken) {
        String sessionId = caller.sessionId();
        if (refreshToken != null) {
            try {
                TokenService.Claims claims = tokens.verify(refreshToken, TokenService.Kind.REFRESH);
                if (claims.userId().equals(caller.userId())) {
                    sessionId = claims.sessionId();
                }
            } catch (AuthException ignored) {
                // An unusable refresh token still ends the caller's own session.
            }
        }
        revokeSession(sessionId);
        if (!sessionId.equals(caller.sessionId())) {
            revokeSession(caller.sessionId());
        }
        log.info("user {} signed out (session {})", caller.username(), sessionId);
    }

    /** Checks an access token and that its user and session are still good. */
    public Principal authenticate(String accessToken) {
        TokenService.Claims claims = tokens.verify(accessToken, TokenService.Kind.ACCESS);
        boolean revoked = db.read(c -> Sql.one(c, "SELECT revoked_at FROM sessions WHERE id = ?",
                rs -> Sql.nullableLong(rs, "revoked_at") != null, claims.sessionId())).orElse(true);
        if (revoked) {
            throw new AuthException(ErrorCode.TOKEN_REVOKED, "session revoked");
        }
        User user = activeUser(claims.userId());
        return new Principal(user.id(), user.username(), user.role(), user.fullName(), claims.sessionId(),
                claims.expiresAt());
    }

    public void revokeSession(String sessionId) {
        ControlMessage revoked = control.sessionRevoked(sessionId);
        int n = db.write(c -> {
            int changed = Sql.update(c, "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                    clock.millis(), sessionId);
            if (changed > 0) {
                control.publish(c, revoked);
            }
            return changed;
        });
        if (n > 0) {
            control.deliver(revoked);
        }
    }

    /**
     * Deactivates or re-roles an account. When it loses access (deactivated, or a role that may no
     * longer write or use the desk) its live sockets are closed with 4403 by the listener.
     */
    public boolean updateUser(String username, boolean active, Role role) {
        Optional<User> user = users.byUsername(username);
        if (user.isEmpty()) {
            return false;
        }
        boolean lostAccess = !active || lostAccess(user.get().role(), role);
        ControlMessage changed = control.userChanged(user.get().id());
        boolean updated = db.write(c -> {
            boolean one = users.update(c, username, active, role);
            if (one && lostAccess) {
                control.publish(c, changed);
            }
            return one;
        });
        if (updated && lostAccess) {
            control.deliver(changed);
        }
        return updated;
    }

    /**
     * A socket keeps the role it opened with, so one that loses reads (trainer -> kiosk) must close too, or it
     * would go on receiving visits a kiosk may not see.
     */
    private static boolean lostAccess(Role before, Role after) {
        return (before.mayWrite() && !after.mayWrite()) || !after.mayUseDesk() || (before.mayRead() && !after.mayRead());
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = hasher.hash("not-a-password".toCharArray());
            dummyHash = h;
        }
        return h;
    }

    public Optional<User> find(String username) {
        return users.byUsername(username);
    }

    public UserView view(User user) {
        return new UserView(user.id(), user.username(), user.role().wireName(), user.fullName());
    }

    public UserView view(Principal p) {
        return new UserView(p.userId(), p.username(), p.role().wireName(), p.fullName());
    }

    private User activeUser(String userId) {
        User user = users.byId(userId).orElseThrow(() -> new AuthException(ErrorCode.TOKEN_INVALID, "unknown user"));
        if (!user.active()) {
            throw new AuthException(ErrorCode.USER_INACTIVE, "user is deactivated");
        }
        return user;
    }

}
