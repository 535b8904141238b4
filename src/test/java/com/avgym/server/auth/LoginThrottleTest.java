package com.avgym.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T03:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed("desk");
        }
    }

    @Test
    void theFirstFiveFailuresCostNothingThenWaitsDouble() {
        fail(LoginThrottle.FREE_FAILURES - 1);
        assertThat(throttle.secondsToWait("desk")).isZero();

        throttle.failed("desk"); // 5th
        assertThat(throttle.secondsToWait("desk")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.secondsToWait("desk")).isZero();

        throttle.failed("desk"); // 6th
        assertThat(throttle.secondsToWait("desk")).isEqualTo(2);
        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.secondsToWait("desk")).isZero();

        throttle.failed("desk"); // 7th
        assertThat(throttle.secondsToWait("desk")).isEqualTo(4);
        clock.advance(Duration.ofMillis(3_001));
        assertThat(throttle.secondsToWait("desk")).as("rounded up to whole seconds").isEqualTo(1);
        clock.advance(Duration.ofMillis(999));

        throttle.failed("desk"); // 8th
        assertThat(throttle.secondsToWait("desk")).isEqualTo(8);
    }

    @Test
    void theWaitIsCappedAtFiveMinutes() {
        fail(40);
        assertThat(throttle.secondsToWait("desk")).isEqualTo(300);
    }

    @Test
    void aSuccessClearsTheRecord() {
        fail(7);
        assertThat(throttle.secondsToWait("desk")).isPositive();
        throttle.succeeded("desk");
        assertThat(throttle.secondsToWait("desk")).isZero();
        // counting starts again from zero
        fail(LoginThrottle.FREE_FAILURES - 1);
        assertThat(throttle.secondsToWait("desk")).isZero();
    }

    @Test
    void usernamesAreCountedApartButCaseAndSpacesDoNotMatter() {
        fail(LoginThrottle.FREE_FAILURES);
        assertThat(throttle.secondsToWait("admin")).isZero();
        assertThat(throttle.secondsToWait(" DESK ")).isEqualTo(1);
    }
}
