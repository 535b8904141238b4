package com.avgym.bench.fanout;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Many sockets in one JVM on Jetty's NIO client (a few threads for thousands of sockets), the same for the product
 * and the bare broadcaster. Each event frame is keyed by its payload's {@code id} (the visit id; the bare frame's
 * key); per key it keeps how many sockets got it and when the last one did, so a broadcast costs two atomics here.
 */
public final class FanOutClient implements AutoCloseable {
    private static final int HANDSHAKES_IN_FLIGHT = 100;

    /** One event as the sockets saw it. */
    public static final class Delivery {
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong lastNanos = new AtomicLong();

        public int count() {
            return count.get();
        }

        public long lastNanos() {
            return lastNanos.get();
        }
    }

    private final WebSocketClient client;
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final List<Session> sessions = new ArrayList<>();
    private final Map<Integer, AtomicInteger> closeCodes = new ConcurrentHashMap<>();
    private final AtomicLong frames = new AtomicLong();

    public FanOutClient() throws Exception {
        HttpClient http = new HttpClient();
        http.setMaxConnectionsPerDestination(100_000);
        client = new WebSocketClient(http);
        client.setIdleTimeout(Duration.ofMinutes(30));
        client.setMaxTextMessageSize(1 << 20);
        client.start();
    }

    /**
     * Opens {@code n} sockets spread round-robin over {@code urls} and waits until each got its {@code readyType}
     * frame (the product's greeting ends with initial_stats). Returns the nanoseconds from the first connect to
     * the last greeting.
     */
    public long connect(List<String> urls, String bearer, int n, String readyType) throws Exception {
        closeCodes.clear();
        CountDownLatch ready = new CountDownLatch(n);
        Semaphore window = new Semaphore(HANDSHAKES_IN_FLIGHT);
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            window.acquire();
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            if (bearer != null) {
                request.setHeader("Authorization", "Bearer " + bearer);
            }
            Listener listener = new Listener(readyType, ready, window, failed);
            client.connect(listener, URI.create(urls.get(i % urls.size())), request).whenComplete((s, x) -> {
                if (x != null) {
                    failed.incrementAndGet();
                    window.release();
                    ready.countDown();
                } else {
                    synchronized (sessions) {
                        sessions.add(s);
                    }
                }
            });
        }
        if (!ready.await(10, TimeUnit.MINUTES) || failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + n + " sockets failed to connect");
        }
        return System.nanoTime() - start;
    }

    public Delivery delivery(String key) {
        return deliveries.computeIfAbsent(key, k -> new Delivery());
    }

    /** Close codes other than 1000/1001 since the last connect and how often, e.g. {@code 1013=3}; empty when none. */
    public String unexpectedCloses() {
        return new java.util.TreeMap<>(closeCodes).toString().replaceAll("[{}]", "");
    }

    public long frames() {
        return frames.get();
    }

    /**
     * Closes every socket (between runs), keeping the client, and waits for the close handshakes: a node killed
     * while they are under way would leave abnormal closes (1006) that are no fault of the run.
     */
    public void disconnectAll() {
        List<Session> closing;
        synchronized (sessions) {
            closing = List.copyOf(sessions);
            sessions.clear();
        }
        closing.forEach(Session::close);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> closing.stream().noneMatch(Session::isOpen));
        } catch (ConditionTimeoutException e) {
            // the next run's connect clears the close codes; a stuck close only costs a socket on a node we kill
        }
        deliveries.clear();
    }

    @Override
    public void close() throws Exception {
        disconnectAll();
        client.stop();
    }

    /** The type and payload id of a frame without a JSON parser: the client must not be the bottleneck. */
    static String field(String frame, String name, int from) {
        String marker = "\"" + name + "\":\"";
        int at = frame.indexOf(marker, from);
        if (at < 0) {
            return null;
        }
        int begin = at + marker.length();
        int end = frame.indexOf('"', begin);
        return end < 0 ? null : frame.substring(begin, end);
    }

    public final class Listener implements Session.Listener.AutoDemanding {
        private final String readyType;
        private final CountDownLatch ready;
        private final Semaphore window;
        private final AtomicInteger failed;
        private boolean greeted;

        private Listener(String readyType, CountDownLatch ready, Semaphore window, AtomicInteger failed) {
            this.readyType = readyType;
            this.ready = ready;
            this.window = window;
            this.failed = failed;
        }

        @Override
        public void onWebSocketText(String frame) {
            long now = System.nanoTime();
            frames.incrementAndGet();
            String type = field(frame, "type", 0);
            if (type == null) {
                return;
            }
            if (!greeted) {
                if (type.equals(readyType)) {
                    greeted = true;
                    window.release();
                    ready.countDown();
                }
                return;
            }
            if (type.startsWith("member_checked_")) {
                int payload = frame.indexOf("\"payload\":{");
                String key = payload < 0 ? null : field(frame, "id", payload);
                if (key != null) {
                    Delivery d = delivery(type + ":" + key);
                    d.count.incrementAndGet();
                    d.lastNanos.accumulateAndGet(now, Math::max);
                }
            }
        }

        @Override
        public void onWebSocketClose(int code, String reason) {
            if (code != 1000 && code != 1001) {
                closeCodes.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
            }
            if (!greeted) {
                greeted = true;
                failed.incrementAndGet();
                window.release();
                ready.countDown();
            }
        }
    }
}
