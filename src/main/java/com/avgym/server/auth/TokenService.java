package com.avgym.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.avgym.protocol.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Signs and checks HS256 JWTs with the installation's key. Access and refresh tokens differ by the
 * {@code typ} claim, so one can never stand in for the other. Only HS256 is accepted (no alg:none).
 */
public final class TokenService {
    private static final String ISSUER = "avgym";

    public enum Kind { ACCESS, REFRESH }

    /** What a verified token says. {@code sessionId} names the refresh chain it belongs to. */
    public record Claims(String userId, String username, Role role, String sessionId, String jti, Kind kind,
                         Instant expiresAt) {
    }

    public record Issued(String token, Claims claims) {
    }

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Clock clock;
    private final Duration accessTtl;
    private final Duration refreshTtl;

    public TokenService(byte[] secret, Clock clock, Duration accessTtl, Duration refreshTtl) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.clock = clock;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER)
                .withClaimPresence("typ").withClaimPresence("sid").withClaimPresence("role"))
                .build(clock);
    }

    public Issued issue(Kind kind, String userId, String username, Role role, String sessionId) {
        return issue(kind, userId, username, role, sessionId, UUID.randomUUID().toString(), clock.instant());
    }

    /**
     * Signs a token with the given id and issue time. HS256 is deterministic and the claims are written in a
     * fixed order, so the same arguments give the same string: a lost refresh reply can be answered again
     * without storing the tokens themselves.
     */
    public Issued issue(Kind kind, String userId, String username, Role role, String sessionId, String jti, Instant now) {
        Instant exp = now.plus(kind == Kind.ACCESS ? accessTtl : refreshTtl);
        String token = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(userId)
                .withJWTId(jti)
                .withIssuedAt(now)
                .withExpiresAt(exp)
                .withClaim("typ", kind.name().toLowerCase())
                .withClaim("sid", sessionId)
                .withClaim("role", role.wireName())
                .withClaim("username", username)
                .sign(algorithm);
        // JWT times are whole seconds: report the expiry the token really carries.
        Instant carried = Instant.ofEpochSecond(exp.getEpochSecond());
        return new Issued(token, new Claims(userId, username, role, sessionId, jti, kind, carried));
    }

    /** Verifies signature, issuer, expiry and kind; throws {@link AuthException} with the reason. */
    public Claims verify(String token, Kind expected) {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw new AuthException(ErrorCode.TOKEN_EXPIRED, "token expired");
        } catch (JWTVerificationException | IllegalArgumentException e) {
            throw new AuthException(ErrorCode.TOKEN_INVALID, "token invalid");
        }
        Kind kind;
        Role role;
        try {
            kind = Kind.valueOf(jwt.getClaim("typ").asString().toUpperCase());
            role = Role.parse(jwt.getClaim("role").asString());
        } catch (RuntimeException e) {
            throw new AuthException(ErrorCode.TOKEN_INVALID, "token invalid");
        }
        if (kind != expected || jwt.getSubject() == null || jwt.getExpiresAtAsInstant() == null) {
            throw new AuthException(ErrorCode.TOKEN_INVALID, "token invalid");
        }
        return new Claims(jwt.getSubject(), jwt.getClaim("username").asString(), role,
                jwt.getClaim("sid").asString(), jwt.getId(), kind, jwt.getExpiresAtAsInstant());
    }

    public Duration accessTtl() {
        return accessTtl;
    }
}
