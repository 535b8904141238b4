package com.avgym.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.avgym.protocol.ErrorCode;
import com.avgym.server.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-27T03:00:00Z");
    private static final Duration ACCESS = Duration.ofMinutes(5);
    private static final Duration REFRESH = Duration.ofHours(12);

    private final byte[] secret = secret((byte) 1);
    private final MutableClock clock = new MutableClock(T0);
    private final TokenService tokens = new TokenService(secret, clock, ACCESS, REFRESH);

    private static byte[] secret(byte fill) {
        byte[] s = new byte[64];
        Arrays.fill(s, fill);
        return s;
    }

    private static void refused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void issuesAndVerifiesAnAccessToken() {
        TokenService.Issued issued = tokens.issue(TokenService.Kind.ACCESS, "u1", "desk", Role.STAFF, "s1");
        TokenService.Claims claims = tokens.verify(issued.token(), TokenService.Kind.ACCESS);
        assertThat(claims.userId()).isEqualTo("u1");
        assertThat(claims.username()).isEqualTo("desk");
        assertThat(claims.role()).isEqualTo(Role.STAFF);
        assertThat(claims.sessionId()).isEqualTo("s1");
        assertThat(claims.kind()).isEqualTo(TokenService.Kind.ACCESS);
        assertThat(claims.expiresAt()).isEqualTo(T0.plus(ACCESS));
        assertThat(claims.jti()).isEqualTo(issued.claims().jti()).isNotBlank();
        assertThat(claims).isEqualTo(issued.claims());
    }

    @Test
    void issuesAndVerifiesARefreshTokenWithItsOwnLifetimeAndId() {
        TokenService.Issued a = tokens.issue(TokenService.Kind.REFRESH, "u1", "desk", Role.ADMIN, "s1");
        TokenService.Issued b = tokens.issue(TokenService.Kind.REFRESH, "u1", "desk", Role.ADMIN, "s1");
        TokenService.Claims claims = tokens.verify(a.token(), TokenService.Kind.REFRESH);
        assertThat(claims.kind()).isEqualTo(TokenService.Kind.REFRESH);
        assertThat(claims.role()).isEqualTo(Role.ADMIN);
        assertThat(claims.expiresAt()).isEqualTo(T0.plus(REFRESH));
        assertThat(a.claims().jti()).isNotEqualTo(b.claims().jti());
    }

    @Test
    void oneKindNeverStandsInForTheOther() {
        String access = tokens.issue(TokenService.Kind.ACCESS, "u1", "desk", Role.STAFF, "s1").token();
        String refresh = tokens.issue(TokenService.Kind.REFRESH, "u1", "desk", Role.STAFF, "s1").token();
        refused(() -> tokens.verify(access, TokenService.Kind.REFRESH), ErrorCode.TOKEN_INVALID);
        refused(() -> tokens.verify(refresh, TokenService.Kind.ACCESS), ErrorCode.TOKEN_INVALID);
    }

    @Test
    void anExpiredTokenIsTokenExpired() {
        String access = tokens.issue(TokenService.Kind.ACCESS, "u1", "desk", Role.STAFF, "s1").token();
        clock.set(T0.plus(ACCESS).minusSeconds(1));
        assertThat(tokens.verify(access, TokenService.Kind.ACCESS).userId()).isEqualTo("u1");
        clock.set(T0.plus(ACCESS).plusSeconds(1));
        refused(() -> tokens.verify(access, TokenService.Kind.ACCESS), ErrorCode.TOKEN_EXPIRED);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsInvalid() {
        TokenService other = new TokenService(secret((byte) 2), clock, ACCESS, REFRESH);
        String foreign = other.issue(TokenService.Kind.ACCESS, "u1", "desk", Role.ADMIN, "s1").token();
        refused(() -> tokens.verify(foreign, TokenService.Kind.ACCESS), ErrorCode.TOKEN_INVALID);
    }

    @Test
    void algNoneIsInvalid() {
        String unsigned = JWT.create().withIssuer("avgym").withSubject("u1").withJWTId("j")
                .withExpiresAt(T0.plus(ACCESS)).withClaim("typ", "access").withClaim("sid", "s1")
                .withClaim("role", "admin").withClaim("username", "desk").sign(Algorithm.none());
        assertThat(unsigned).endsWith(".");
        refused(() -> tokens.verify(unsigned, TokenService.Kind.ACCESS), ErrorCode.TOKEN_INVALID);

        // The same with a real token's claims and its signature stripped and the header swapped.
        String real = tokens.issue(TokenService.Kind.ACCESS, "u1", "desk", Role.STAFF, "s1").token();
        String noneHeader = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String forged = noneHeader + "." + real.split("\\.")[1] + ".";
        refused(() -> tokens.verify(forged, TokenService.Kind.ACCESS), ErrorCode.TOKEN_INVALID);
    }

    @Test
    void tamperedOrGarbageTokensAreInvalid() {
        String real = tokens.issue(TokenService.Kind.ACCESS, "u1", "desk", Role.STAFF, "s1").token();
        String[] parts = real.split("\\.");
        String escalated = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"staff\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));
        refused(() -> tokens.verify(parts[0] + "." + escalated + "." + parts[2], TokenService.Kind.ACCESS),
                ErrorCode.TOKEN_INVALID);
        refused(() -> tokens.verify("not-a-jwt", TokenService.Kind.ACCESS), ErrorCode.TOKEN_INVALID);
        refused(() -> tokens.verify("", TokenService.Kind.ACCESS), ErrorCode.TOKEN_INVALID);
    }

    @Test
    void aTokenOfAnotherIssuerIsInvalid() {
        String token = JWT.create().withIssuer("someone-else").withSubject("u1").withJWTId("j")
                .withExpiresAt(T0.plus(ACCESS)).withClaim("typ", "access").withClaim("sid", "s1")
                .withClaim("role", "admin").sign(Algorithm.HMAC256(secret));
        refused(() -> tokens.verify(token, TokenService.Kind.ACCESS), ErrorCode.TOKEN_INVALID);
    }
}
