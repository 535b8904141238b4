package com.avgym.bench.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** The measured phases against one set of connected sockets: a steady rate of events and a burst. */
public final class FanOutPhases {
    private static final int WARMUP_EVENTS = 40;

    /** Last-socket latencies of a steady run, ms, sorted; {@code incomplete} events did not reach every socket. */
    public record Steady(List<Double> lastSocketMs, int incomplete, double cpuMsPerEvent) {
        public double median() {
            return lastSocketMs.isEmpty() ? Double.NaN : lastSocketMs.get(lastSocketMs.size() / 2);
        }

        public double p99() {
            return lastSocketMs.isEmpty() ? Double.NaN
                    : lastSocketMs.get((int) Math.ceil(lastSocketMs.size() * 0.99) - 1);
        }
    }

    /** A burst: events written, frames delivered, over how long. */
    public record Burst(int events, long deliveries, double seconds, int incomplete) {
        public double deliveriesPerSecond() {
            return deliveries / seconds;
        }

        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    private final FanOutClient client;
    private final EventSource source;
    private final int sockets;
    private final Duration drainLimit;

    /**
     * {@code sockets}: how many must receive each event; {@code drainLimit}: how long after the last write the
     * deliveries may still come (short when some sockets are known never to get them, e.g. two nodes without a bus).
     */
    public FanOutPhases(FanOutClient client, EventSource source, int sockets, Duration drainLimit) {
        this.client = client;
        this.source = source;
        this.sockets = sockets;
        this.drainLimit = drainLimit;
    }

    /**
     * One writer, one event every {@code interval}, each timed from when it was due (not when it was sent), so a
     * server that falls behind shows the whole delay rather than hiding it by slowing the writer down.
     */
    public Steady steady(Duration interval, int events, NodeProcess cpuOf) throws Exception {
        List<String> keys = new ArrayList<>();
        List<Long> due = new ArrayList<>();
        long cpuBefore = cpuOf == null ? 0 : cpuOf.cpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < WARMUP_EVENTS + events; i++) {
            long at = start + i * interval.toNanos();
            // pacing the load generator, not waiting for a result
            LockSupport.parkNanos(at - System.nanoTime());
            keys.add(source.fire(0));
            due.add(at);
        }
        double cpuMs = cpuOf == null ? Double.NaN : (cpuOf.cpuNanos() - cpuBefore) / 1e6 / (WARMUP_EVENTS + events);
        awaitAll(keys);
        List<Double> ms = new ArrayList<>();
        int incomplete = 0;
        for (int i = WARMUP_EVENTS; i < keys.size(); i++) {
            FanOutClient.Delivery d = client.delivery(keys.get(i));
            if (d.count() < sockets) {
                incomplete++;
            } else {
                ms.add((d.lastNanos() - due.get(i)) / 1e6);
            }
        }
        Collections.sort(ms);
        return new Steady(ms, incomplete, cpuMs);
    }

    /** {@code writers} writers as fast as the server answers, for {@code length}. */
    public Burst burst(int writers, Duration length) throws Exception {
        ConcurrentLinkedQueue<String> keys = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        keys.add(source.fire(writer));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        List<String> written = List.copyOf(keys);
        awaitAll(written);
        long deliveries = 0;
        long last = end;
        int incomplete = 0;
        for (String key : written) {
            FanOutClient.Delivery d = client.delivery(key);
            deliveries += d.count();
            last = Math.max(last, d.lastNanos());
            incomplete += d.count() < sockets ? 1 : 0;
        }
        return new Burst(written.size(), deliveries, (last - start) / 1e9, incomplete);
    }

    private void awaitAll(List<String> keys) {
        try {
            Awaitility.await().atMost(drainLimit).pollInterval(Duration.ofMillis(20))
                    .until(() -> keys.stream().allMatch(k -> client.delivery(k).count() >= sockets));
        } catch (ConditionTimeoutException e) {
            // reported as incomplete events, not a failure: the figures say how many sockets missed them
        }
    }
}
