package com.avgym.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The shape of a drain: batches spread evenly over the window, retry hints spread over each step. No clock needed. */
class DrainPlanTest {

    /** When each socket's desk comes back (close time + hint), in ms after the drain began. */
    private static List<Long> returns(DrainPlan plan) {
        List<Long> at = new ArrayList<>();
        for (DrainPlan.Batch b : plan.batches()) {
            for (int i = 0; i < b.size(); i++) {
                at.add(b.atMillis() + b.retryAfterMillis(i));
            }
        }
        return at;
    }

    @Test
    void aThousandSocketsOverTenSecondsCloseInFortyEvenBatchesAndReturnAtAHundredASecond() {
        DrainPlan plan = DrainPlan.of(1000, Duration.ofSeconds(10));
        assertThat(plan.batches()).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(plan.batches().get(i).atMillis()).isEqualTo(250L * i);
            assertThat(plan.batches().get(i).size()).isEqualTo(25);
        }
        List<Long> back = returns(plan);
        assertThat(back).hasSize(1000).allSatisfy(t -> assertThat(t).isBetween(0L, 9999L));
        TreeMap<Long, Integer> perSecond = new TreeMap<>();
        back.forEach(t -> perSecond.merge(t / 1000, 1, Integer::sum));
        assertThat(perSecond.values()).as("returns per second").containsOnly(100);
        TreeMap<Long, Integer> perTenth = new TreeMap<>();
        back.forEach(t -> perTenth.merge(t / 100, 1, Integer::sum));
        assertThat(perTenth).hasSize(100);
        assertThat(perTenth.values()).allSatisfy(n -> assertThat(n).isBetween(9, 11));
    }

    @Test
    void hintsOfOneBatchAreEvenlySpacedWithinOneStep() {
        DrainPlan.Batch b = DrainPlan.of(1000, Duration.ofSeconds(10)).batches().get(3);
        assertThat(b.retryAfterMillis(0)).isZero();
        assertThat(b.retryAfterMillis(1)).isEqualTo(10);
        assertThat(b.retryAfterMillis(24)).isEqualTo(240);
    }

    @Test
    void unevenCountsDifferByAtMostOneAndNoSocketIsLeftOut() {
        DrainPlan plan = DrainPlan.of(1003, Duration.ofSeconds(10));
        assertThat(plan.batches().stream().mapToInt(DrainPlan.Batch::size).sum()).isEqualTo(1003);
        assertThat(plan.batches()).allSatisfy(b -> assertThat(b.size()).isBetween(25, 26));
    }

    @Test
    void aSmallNodeDoesNotWaitTheWholeWindow() {
        DrainPlan plan = DrainPlan.of(20, Duration.ofSeconds(10));
        assertThat(returns(plan)).hasSize(20).allSatisfy(t -> assertThat(t).isLessThan(200L));
        DrainPlan hundred = DrainPlan.of(100, Duration.ofSeconds(10));
        assertThat(hundred.batches()).extracting(DrainPlan.Batch::atMillis).containsExactly(0L, 250L, 500L, 750L);
    }

    @Test
    void moreSocketsThanTheRateCapUseTheWholeWindowAtAHigherRate() {
        DrainPlan plan = DrainPlan.of(5000, Duration.ofSeconds(10));
        assertThat(plan.batches()).hasSize(40);
        assertThat(plan.batches().getLast().atMillis()).isEqualTo(9750);
        assertThat(plan.batches()).allSatisfy(b -> assertThat(b.size()).isEqualTo(125));
    }

    @Test
    void aZeroWindowClosesAllAtOnceAndNoSocketsNeedNoPlan() {
        DrainPlan now = DrainPlan.of(1000, Duration.ZERO);
        assertThat(now.batches()).singleElement().satisfies(b -> {
            assertThat(b.atMillis()).isZero();
            assertThat(b.size()).isEqualTo(1000);
        });
        assertThat(DrainPlan.of(0, Duration.ofSeconds(10)).batches()).isEmpty();
    }

    @Test
    void theCloseReasonFitsAWebSocketCloseFrame() {
        assertThat(DrainPlan.closeReason(2750)).isEqualTo("restart; retry-after-ms=2750");
        assertThat(DrainPlan.closeReason(Long.MAX_VALUE).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(123);
    }
}
