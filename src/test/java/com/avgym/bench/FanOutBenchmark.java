package com.avgym.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.bench.fanout.EventSource;
import com.avgym.bench.fanout.FanOutClient;
import com.avgym.bench.fanout.FanOutPhases;
import com.avgym.bench.fanout.FanOutPhases.Burst;
import com.avgym.bench.fanout.FanOutPhases.Steady;
import com.avgym.bench.fanout.FanOutReport;
import com.avgym.bench.fanout.NodeProcess;
import com.avgym.server.auth.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fan-out of the product beside a bare Jetty 12.1 broadcaster, driven by the same client (issue 12 item 8).
 * Each server runs in its own JVM (its heap and CPU are its own); the client holds N sockets on Jetty's NIO
 * client. For each N: connect-all time, heap per idle socket after GC, last-socket latency at one event every
 * 20 ms and 50 ms, a 10 s burst from 4 writers, then the 50 ms rate and the burst again with a busy-loop thread
 * taking one core; with a PostgreSQL URL, two product nodes on one database. Not part of the test run:
 * {@code ./mvnw -Pbench test -Dtest=FanOutBenchmark [-Dfanout.n=100,1000,5000]}; PostgreSQL from
 * {@code -Dfanout.pg=JDBC_URL} or the AVGYM_TEST_PG_URL environment variable (else the product runs on SQLite
 * and two nodes are reported as needing PostgreSQL). Prints each figure with the ratio product/bare and writes
 * target/bench-fanout.txt.
 */
@Tag("bench")
class FanOutBenchmark {
    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final int EVENTS_20MS = 250;
    private static final int EVENTS_50MS = 150;
    private static final Duration BURST = Duration.ofSeconds(10);

    @Test
    void productBesideBareJetty() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("fanout.n", "1000").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        String pg = System.getProperty("fanout.pg", System.getenv().getOrDefault("AVGYM_TEST_PG_URL", ""));
        FanOutReport report = new FanOutReport(pg.isBlank() ? "sqlite" : "postgresql");
        try (FanOutClient client = new FanOutClient()) {
            warmUp(client, sizes[0]);
            for (int n : sizes) {
                FanOutReport.Run bare;
                try (NodeProcess node = NodeProcess.start(log("bare-" + n), "bare")) {
                    String base = "http://127.0.0.1:" + node.port();
                    bare = measure(client, node, List.of("ws://127.0.0.1:" + node.port() + "/ws"), null, "hello",
                            EventSource.bare(base), n);
                }
                FanOutReport.Run product;
                String schema = pg.isBlank() ? null : createSchema(pg);
                try (NodeProcess node = startProduct(pg, schema, n, "product-" + n)) {
                    String base = "http://127.0.0.1:" + node.port();
                    String token = EventSource.signIn(base, "desk", nodePassword());
                    product = measure(client, node, List.of("ws://127.0.0.1:" + node.port() + "/ws/checkins/"), token,
                            "initial_stats", EventSource.product(base, token), n);
                }
                if (schema != null) {
                    dropSchema(pg, schema);
                }
                report.add(n, product, bare);
                Files.writeString(Path.of("target", "bench-fanout.txt"), report.text());
                if (pg.isBlank()) {
                    report.note(n, "two nodes: needs PG (-Dfanout.pg=JDBC_URL or AVGYM_TEST_PG_URL)");
                } else {
                    try {
                        report.twoNodes(n, twoNodes(client, pg, n));
                    } catch (IllegalStateException e) {
                        report.note(n, "two nodes: " + e.getMessage());
                        client.disconnectAll();
                    }
                }
                Files.writeString(Path.of("target", "bench-fanout.txt"), report.text());
            }
        }
        String text = report.text();
        System.out.print(text);
        Files.writeString(Path.of("target", "bench-fanout.txt"), text);
        assertThat(text).contains("product/bare");
    }

    /** A throw-away round on a bare node: the client's JIT must not be colder for the first server measured. */
    private static void warmUp(FanOutClient client, int n) throws Exception {
        try (NodeProcess node = NodeProcess.start(log("warm-up"), "bare")) {
            client.connect(List.of("ws://127.0.0.1:" + node.port() + "/ws"), null, n, "hello");
            FanOutPhases phases = new FanOutPhases(client, EventSource.bare("http://127.0.0.1:" + node.port()), n, DRAIN);
            phases.steady(Duration.ofMillis(10), 200, null);
            client.disconnectAll();
        }
    }

    private static FanOutReport.Run measure(FanOutClient client, NodeProcess node, List<String> urls, String token,
                                            String readyType, EventSource source, int n) throws Exception {
        long heapBefore = node.heapAfterGc();
        long connectNanos = client.connect(urls, token, n, readyType);
        long heapAfter = node.heapAfterGc();
        FanOutPhases phases = new FanOutPhases(client, source, n, DRAIN);
        Steady s20 = phases.steady(Duration.ofMillis(20), EVENTS_20MS, node);
        Steady s50 = phases.steady(Duration.ofMillis(50), EVENTS_50MS, node);
        Burst burst = phases.burst(4, BURST);
        Steady busy50;
        Burst busyBurst;
        try (BusyCore busy = BusyCore.start()) {
            busy50 = phases.steady(Duration.ofMillis(50), EVENTS_50MS, node);
            busyBurst = phases.burst(4, BURST);
        }
        String closed = client.unexpectedCloses();
        client.disconnectAll();
        return new FanOutReport.Run(connectNanos / 1e6, (heapAfter - heapBefore) / (double) n, s20, s50, burst, busy50,
                busyBurst, closed, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Two product nodes on one database, half the sockets on each, the events written through the first. */
    private static Steady twoNodes(FanOutClient client, String pg, int n) throws Exception {
        String schema = createSchema(pg);
        Path dirA = Files.createTempDirectory("avgym-fanout");
        Path dirB = Files.createTempDirectory("avgym-fanout");
        try (NodeProcess a = startProduct(pg, schema, n, "node-a-" + n, dirA);
             NodeProcess b = startProduct(pg, schema, n, "node-b-" + n, copySigningKey(dirA, dirB))) {
            String base = "http://127.0.0.1:" + a.port();
            String token = EventSource.signIn(base, "desk", nodePassword());
            List<String> urls = List.of("ws://127.0.0.1:" + a.port() + "/ws/checkins/", "ws://127.0.0.1:" + b.port() + "/ws/checkins/");
            client.connect(urls, token, n, "initial_stats");
            // short: without a shared bus the second node's sockets never get the first node's events
            FanOutPhases phases = new FanOutPhases(client, EventSource.product(base, token), n, Duration.ofSeconds(10));
            Steady s = phases.steady(Duration.ofMillis(50), EVENTS_50MS, null);
            client.disconnectAll();
            return s;
        } finally {
            dropSchema(pg, schema);
        }
    }

    private static void dropSchema(String pg, String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(pg)) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static NodeProcess startProduct(String pg, String schema, int n, String name) throws Exception {
        return startProduct(pg, schema, n, name, Files.createTempDirectory("avgym-fanout"));
    }

    /** Nodes of one chain share the token signing key, as the README tells an operator to do. */
    private static Path copySigningKey(Path from, Path to) throws Exception {
        Files.copy(from.resolve(SigningKey.FILE_NAME), to.resolve(SigningKey.FILE_NAME));
        return to;
    }

    private static NodeProcess startProduct(String pg, String schema, int n, String name, Path dataDir) throws Exception {
        String url = schema == null ? "-" : pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return NodeProcess.start(log(name), "product", dataDir.toString(), url, Integer.toString(n + 10));
    }

    private static String nodePassword() {
        return com.avgym.bench.fanout.FanOutNode.DEMO_PASSWORD;
    }

    private static String createSchema(String pg) throws Exception {
        String schema = "fanout_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(pg)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return schema;
    }

    private static Path log(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "bench-fanout-logs"));
        return dir.resolve(name + ".log");
    }

    /** A thread spinning on one core: the "other work takes part of the machine" case. */
    private static final class BusyCore implements AutoCloseable {
        private volatile boolean running = true;
        private final Thread thread;
        private static volatile long sink;

        private BusyCore() {
            thread = new Thread(() -> {
                long x = 0;
                while (running) {
                    x = x * 31 + 7;
                }
                sink = x;
            }, "busy-core");
            thread.setDaemon(true);
        }

        static BusyCore start() {
            BusyCore busy = new BusyCore();
            busy.thread.start();
            return busy;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
