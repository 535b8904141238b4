package com.avgym.bench.fanout;

import com.avgym.server.AvGymServer;
import com.avgym.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A server node in its own JVM, so its heap and CPU are its own and not the benchmark client's. Args:
 * {@code bare} or {@code product DATA_DIR JDBC_URL|- MAX_SOCKETS}. Prints {@code FANOUT PORT p}, then answers
 * the lines {@code heap} (bytes used after GC) and {@code cpu} (process CPU ns) on stdin until stdin closes.
 */
public final class FanOutNode {
    public static final String DEMO_PASSWORD = "bench-password-1";

    private FanOutNode() {
    }

    public static void main(String[] args) throws Exception {
        AutoCloseable node;
        int port;
        if ("bare".equals(args[0])) {
            BareBroadcaster bare = BareBroadcaster.start();
            node = bare;
            port = bare.port();
        } else {
            int maxSockets = Integer.parseInt(args[3]);
            ServerConfig config = ServerConfig.defaults(Path.of(args[1]))
                    .withAddress("127.0.0.1", 0)
                    .withDatabase("-".equals(args[2]) ? null : args[2])
                    .withDemo(true, DEMO_PASSWORD)
                    .withPasswordIterations(1_000)
                    // the benchmark's sockets stay silent and its token serves the whole run
                    .withHeartbeat(Duration.ofMinutes(10))
                    .withTokenTtls(Duration.ofHours(2), Duration.ofHours(12));
            config = config.withSocketLimits(config.socketLimits().withConnectionLimits(maxSockets, maxSockets + 100));
            AvGymServer server = AvGymServer.start(config);
            node = server;
            port = server.port();
        }
        System.out.println("FANOUT PORT " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            switch (line.trim()) {
                case "heap" -> System.out.println("FANOUT HEAP " + heapAfterGc());
                case "cpu" -> System.out.println("FANOUT CPU " + ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
                default -> System.out.println("FANOUT ERROR unknown command");
            }
            System.out.flush();
        }
        node.close();
    }

    private static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        // A few full collections: the smallest reading is the live set, without garbage a concurrent phase left.
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
