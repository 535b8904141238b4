package com.avgym.server.auth;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.message.TokenPair;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refresh-token rotation with re-use detection and a reuse interval. Each refresh token works once; a used
 * one presented again revokes its session (it has leaked), except within {@link #REUSE_INTERVAL} of its
 * rotation while its successor has never been used: that is a desk whose reply was lost on the way, and it
 * gets the same successor pair again (as Auth0 and Okta do).
 *
 * <p>The successor pair is not stored: the rotated token's row names the successor's id, whose row holds
 * its issue time and its access token's id, and the pair is signed again from those (same claims, same
 * HS256 key, same string). A copy of the database therefore holds no usable token.
 */
final class RefreshRotation {
    private static final Logger log = LoggerFactory.getLogger(RefreshRotation.class);
    static final Duration REUSE_INTERVAL = Duration.ofSeconds(30);

    private record Row(String jti, Long usedAt, String successorJti, long issuedAt, String accessJti, Long revokedAt) {
    }

    private final Database db;
    private final TokenService tokens;
    private final Clock clock;
    private final Function<String, User> activeUser;
    private final Consumer<String> revokeSession;

    RefreshRotation(Database db, TokenService tokens, Clock clock, Function<String, User> activeUser,
                    Consumer<String> revokeSession) {
        this.db = db;
        this.tokens = tokens;
        this.clock = clock;
        this.activeUser = activeUser;
        this.revokeSession = revokeSession;
    }

    /** The first pair of a new session. */
    TokenPair start(User user, String sessionId) {
        Instant now = clock.instant();
        Pair pair = sign(user, sessionId, UUID.randomUUID().toString(), UUID.randomUUID().toString(), now);
        db.write(c -> Sql.update(c, "INSERT INTO refresh_tokens (jti, session_id, issued_at, expires_at, access_jti) VALUES (?,?,?,?,?)",
                pair.refresh.claims().jti(), sessionId, now.toEpochMilli(), pair.refresh.claims().expiresAt().toEpochMilli(),
                pair.access.claims().jti()));
        return pair.tokens();
    }

    TokenPair rotate(String refreshToken) {
        TokenService.Claims claims = tokens.verify(refreshToken, TokenService.Kind.REFRESH);
        Row row = row(claims.jti()).orElseThrow(() -> new AuthException(ErrorCode.TOKEN_REVOKED, "session revoked"));
        if (row.revokedAt() != null) {
            throw new AuthException(ErrorCode.TOKEN_REVOKED, "session revoked");
        }
        if (row.usedAt() == null) {
            User user = activeUser.apply(claims.userId());
            Optional<TokenPair> rotated = rotateOnce(user, claims);
            if (rotated.isPresent()) {
                return rotated.get();
            }
            // Another request rotated this token a moment ago (a desk's retry racing its first try).
            row = row(claims.jti()).orElseThrow();
        }
        return sameSuccessorOrRevoke(claims, row);
    }

    /** Marks the token used and records its successor in one transaction; empty when it was used already. */
    private Optional<TokenPair> rotateOnce(User user, TokenService.Claims claims) {
        Instant now = clock.instant();
        Pair next = sign(user, claims.sessionId(), UUID.randomUUID().toString(), UUID.randomUUID().toString(), now);
        boolean rotated = db.write(c -> {
            int marked = Sql.update(c, "UPDATE refresh_tokens SET used_at = ?, successor_jti = ? WHERE jti = ? AND used_at IS NULL",
                    now.toEpochMilli(), next.refresh.claims().jti(), claims.jti());
            if (marked == 0) {
                return false;
            }
            Sql.update(c, "INSERT INTO refresh_tokens (jti, session_id, issued_at, expires_at, access_jti) VALUES (?,?,?,?,?)",
                    next.refresh.claims().jti(), claims.sessionId(), now.toEpochMilli(),
                    next.refresh.claims().expiresAt().toEpochMilli(), next.access.claims().jti());
            return true;
        });
        return rotated ? Optional.of(next.tokens()) : Optional.empty();
    }

    private TokenPair sameSuccessorOrRevoke(TokenService.Claims claims, Row used) {
        long sinceRotation = clock.millis() - used.usedAt();
        if (used.successorJti() != null && sinceRotation <= REUSE_INTERVAL.toMillis()) {
            Optional<Row> successor = row(used.successorJti());
            if (successor.isPresent() && successor.get().usedAt() == null && successor.get().revokedAt() == null
                    && successor.get().accessJti() != null) {
                User user = activeUser.apply(claims.userId());
                log.info("refresh retried {} ms after rotation: same successor pair again (session {})", sinceRotation,
                        claims.sessionId());
                return sign(user, claims.sessionId(), successor.get().jti(), successor.get().accessJti(),
                        Instant.ofEpochMilli(successor.get().issuedAt())).tokens();
            }
        }
        log.warn("refresh token re-used: revoking session {}", claims.sessionId());
        revokeSession.accept(claims.sessionId());
        throw new AuthException(ErrorCode.TOKEN_REVOKED, "refresh token already used; session revoked");
    }

    private Optional<Row> row(String jti) {
        return db.read(c -> Sql.one(c, "SELECT r.jti, r.used_at, r.successor_jti, r.issued_at, r.access_jti, s.revoked_at "
                        + "FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE r.jti = ?",
                rs -> new Row(rs.getString("jti"), Sql.nullableLong(rs, "used_at"), rs.getString("successor_jti"),
                        rs.getLong("issued_at"), rs.getString("access_jti"), Sql.nullableLong(rs, "revoked_at")), jti));
    }

    private record Pair(TokenService.Issued access, TokenService.Issued refresh) {
        TokenPair tokens() {
            return new TokenPair(access.token(), refresh.token(), null);
        }
    }

    private Pair sign(User user, String sessionId, String refreshJti, String accessJti, Instant issuedAt) {
        return new Pair(
                tokens.issue(TokenService.Kind.ACCESS, user.id(), user.username(), user.role(), sessionId, accessJti, issuedAt),
                tokens.issue(TokenService.Kind.REFRESH, user.id(), user.username(), user.role(), sessionId, refreshJti, issuedAt));
    }
}
