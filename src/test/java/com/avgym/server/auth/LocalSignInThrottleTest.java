package com.avgym.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.avgym.protocol.ErrorCode;
import com.avgym.server.support.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalSignInThrottleTest {
    private static final String ATTACKER = "10.0.0.66";
    private static final String DESK = "10.0.0.5";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T03:00:00Z"));
    private SignInThrottle throttle;

    @BeforeEach
    void createThrottle() {
        throttle = newThrottle(clock);
    }

    /** The throttle under test; {@link DatabaseSignInThrottleTest} runs every rule here against the shared one. */
    SignInThrottle newThrottle(Clock clock) {
        return new LocalSignInThrottle(clock);
    }

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.begin(user, address).failed();
        }
    }

    /** Seconds the refusal asks to wait, or 0 when the attempt was admitted (and then ended without verdict). */
    private long waitFor(String user, String address) {
        try {
            throttle.begin(user, address).close();
            return 0;
        } catch (AuthException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            return e.retryAfterSeconds();
        }
    }

    @Test
    void fiveFreeFailuresPerUserAndAddressThenWaitsThatDouble() {
        fail("desk", ATTACKER, LocalSignInThrottle.PAIR_FREE - 1);
        assertThat(waitFor("desk", ATTACKER)).isZero();
        fail("desk", ATTACKER, 1); // 5th
        assertThat(waitFor("desk", ATTACKER)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        fail("desk", ATTACKER, 1); // 6th
        assertThat(waitFor("desk", ATTACKER)).isEqualTo(2);
        clock.advance(Duration.ofSeconds(2));
        fail("desk", ATTACKER, 1); // 7th
        assertThat(waitFor("desk", ATTACKER)).isEqualTo(4);
        clock.advance(Duration.ofMillis(3_001));
        assertThat(waitFor("desk", ATTACKER)).as("rounded up to whole seconds").isEqualTo(1);
    }

    @Test
    void attemptsInFlightCountBeforeTheirVerdict() {
        List<SignInThrottle.Attempt> inFlight = new ArrayList<>();
        // Different usernames from one address, so the per-username concurrency cap is not what stops them.
        for (int i = 0; i < LocalSignInThrottle.ADDRESS_FREE; i++) {
            inFlight.add(throttle.begin("user" + i, ATTACKER));
        }
        assertThat(waitFor("one-more", ATTACKER)).as("the 21st while 20 are being checked").isEqualTo(1);
        inFlight.forEach(SignInThrottle.Attempt::failed);
        assertThat(waitFor("one-more", ATTACKER)).as("20 failures: locked").isEqualTo(1);
    }

    @Test
    void atMostTwoPasswordsOfOneUsernameAreCheckedAtOnce() {
        SignInThrottle.Attempt first = throttle.begin("desk", "10.0.0.1");
        SignInThrottle.Attempt second = throttle.begin("desk", "10.0.0.2");
        assertThatThrownBy(() -> throttle.begin("desk", "10.0.0.3")).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        assertThat(waitFor("admin", "10.0.0.3")).as("other usernames are not held up").isZero();
        first.succeeded();
        assertThat(waitFor("desk", "10.0.0.3")).isZero();
        second.close();
    }

    @Test
    void theOwnerFromACleanAddressIsNotLockedByAnAttackersFailures() {
        for (int i = 0; i < LocalSignInThrottle.USER_FREE / 2; i++) {
            fail("desk", "10.0.1." + i, 2); // a spread-out guesser: below every per-address allowance
        }
        assertThat(waitFor("desk", ATTACKER)).as("a new address that failed elsewhere").isZero();
        fail("other", ATTACKER, 1);
        assertThat(waitFor("desk", ATTACKER)).as("username locked for addresses with failures").isPositive();
        assertThat(waitFor("desk", DESK)).as("the owner's desk, no failures").isZero();
        throttle.begin("desk", DESK).succeeded();
        assertThat(waitFor("desk", "10.0.1.0")).as("the attacker stays locked").isPositive();
    }

    @Test
    void oneAddressTryingManyUsernamesIsLimited() {
        for (int i = 0; i < LocalSignInThrottle.ADDRESS_FREE; i++) {
            fail("user" + i, ATTACKER, 1);
        }
        assertThat(waitFor("user-next", ATTACKER)).isEqualTo(1);
        assertThat(waitFor("user-next", DESK)).as("other addresses are unaffected").isZero();
    }

    @Test
    void aSuccessClearsOnlyItsOwnAddressAndFailuresAreForgottenAfterFifteenMinutes() {
        fail("desk", DESK, 4);
        throttle.begin("desk", DESK).succeeded();
        fail("desk", DESK, LocalSignInThrottle.PAIR_FREE - 1);
        assertThat(waitFor("desk", DESK)).as("counting starts again after a success").isZero();

        fail("admin", ATTACKER, LocalSignInThrottle.PAIR_FREE);
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(waitFor("admin", ATTACKER)));
            fail("admin", ATTACKER, 1);
        }
        assertThat(waitFor("admin", ATTACKER)).as("capped").isEqualTo(300);
        clock.advance(LocalSignInThrottle.FORGET_AFTER);
        assertThat(waitFor("admin", ATTACKER)).isZero();
    }

    @Test
    void anAttemptEndedWithoutVerdictCostsNothing() {
        for (int i = 0; i < 50; i++) {
            throttle.begin("desk", DESK).close();
        }
        assertThat(waitFor("desk", DESK)).isZero();
    }

    @Test
    void usernamesAreCountedCaseAndSpaceInsensitive() {
        fail("desk", ATTACKER, LocalSignInThrottle.PAIR_FREE);
        assertThat(waitFor(" DESK ", ATTACKER)).isEqualTo(1);
    }
}
