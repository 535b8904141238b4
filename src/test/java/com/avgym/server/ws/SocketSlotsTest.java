package com.avgym.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SocketSlotsTest {
    private static final Instant T0 = Instant.parse("2026-11-27T03:00:00Z");
    private final SocketSlots slots = new SocketSlots(10);

    @Test
    void concurrentReservationsNeverExceedTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SocketSlots.Slot>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return slots.tryReserve("u1", T0);
                }));
            }
            go.countDown();
            int granted = 0;
            for (Future<SocketSlots.Slot> f : results) {
                granted += f.get(10, TimeUnit.SECONDS) == null ? 0 : 1;
            }
            assertThat(granted).isEqualTo(10);
            assertThat(slots.inUse("u1")).isEqualTo(10);
            assertThat(slots.tryReserve("u2", T0)).as("other users have their own slots").isNotNull();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSlotIsGivenBackOnceHoweverOftenItIsReleased() {
        SocketSlots.Slot slot = slots.tryReserve("u1", T0);
        assertThat(slot.release()).isTrue();
        assertThat(slot.release()).isFalse();
        assertThat(slots.inUse("u1")).isZero();
        assertThat(slots.inUse()).isZero();
    }

    @Test
    void anAcceptedUpgradeThatNeverOpensGivesItsSlotBackAfterTheGrace() {
        SocketSlots.Slot neverOpened = slots.tryReserve("u1", T0);
        SocketSlots.Slot opened = slots.tryReserve("u1", T0);
        assertThat(opened.opened()).isTrue();

        assertThat(slots.releaseAbandoned(T0.plus(SocketSlots.OPEN_GRACE).minusMillis(1))).isZero();
        assertThat(slots.releaseAbandoned(T0.plus(SocketSlots.OPEN_GRACE))).isEqualTo(1);
        assertThat(slots.inUse("u1")).as("the open socket keeps its slot").isEqualTo(1);
        assertThat(neverOpened.opened()).as("opening after the grace: the socket must close").isFalse();
        assertThat(slots.releaseAbandoned(T0.plus(Duration.ofHours(1)))).isZero();
        assertThat(opened.release()).isTrue();
        assertThat(slots.inUse()).isZero();
    }
}
