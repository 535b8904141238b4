package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), new Random(42)::nextDouble);

    @Test
    void ceilingDoublesFromHalfASecondUpToTwentySeconds() {
        assertThat(java.util.stream.IntStream.range(0, 9).mapToObj(backoff::ceiling).map(Duration::toMillis))
                .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 20000L, 20000L, 20000L);
        assertThat(backoff.ceiling(500)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void fullJitterStaysWithinZeroAndTheCeilingAndSpreads() {
        for (int attempt = 0; attempt < 10; attempt++) {
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 2000; i++) {
                long d = backoff.delay(attempt).toMillis();
                assertThat(d).isBetween(0L, backoff.ceiling(attempt).toMillis());
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            long ceiling = backoff.ceiling(attempt).toMillis();
            assertThat(min).as("some delays near zero").isLessThan(ceiling / 10 + 1);
            assertThat(max).as("some delays near the ceiling").isGreaterThan(ceiling * 9 / 10 - 1);
        }
    }

    @Test
    void uniformSpreadForRestarts() {
        Backoff fixed = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), () -> 0.999);
        assertThat(fixed.uniform(Duration.ofSeconds(5))).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), () -> 0.0).uniform(Duration.ofSeconds(5)))
                .isZero();
    }
}
