package com.avgym.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long T0 = 1_000_000_000L;

    private static long ms(long millis) {
        return T0 + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static int acquired(RateLimiter limiter, long now, int attempts) {
        int n = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire(now)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void allowsABurstThenRefusesUntilTimeRefills() {
        RateLimiter limiter = new RateLimiter(20, 40, T0);
        assertThat(acquired(limiter, T0, 100)).isEqualTo(40);
        assertThat(limiter.tryAcquire(T0)).isFalse();
        // 20/s is one token every 50 ms
        assertThat(limiter.tryAcquire(ms(49))).isFalse();
        assertThat(limiter.tryAcquire(ms(51))).isTrue();
        assertThat(limiter.tryAcquire(ms(51))).isFalse();
        // half a second later: ten more
        assertThat(acquired(limiter, ms(551), 100)).isEqualTo(10);
    }

    @Test
    void refillStopsAtTheBurstSize() {
        RateLimiter limiter = new RateLimiter(20, 40, T0);
        acquired(limiter, T0, 40);
        assertThat(acquired(limiter, ms(60_000), 100)).isEqualTo(40);
    }

    @Test
    void aSteadyRateJustUnderTheLimitIsNeverRefused() {
        RateLimiter limiter = new RateLimiter(20, 1, T0);
        for (int i = 1; i <= 200; i++) {
            assertThat(limiter.tryAcquire(ms(51L * i))).as("frame %d", i).isTrue();
        }
        assertThat(limiter.tryAcquire(ms(51L * 200 + 10))).isFalse();
    }
}
