package com.avgym.cluster.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real HAProxy in front of the nodes: health check on {@code GET /api/health} (a draining node answers 503 and
 * leaves the pool), WebSocket upgrades passed through as tunnels. Its admin socket lets a test take a node out of
 * rotation ({@code maint}) so it knows which node a new desk lands on.
 */
public final class Haproxy implements AutoCloseable {
    private static final List<String> LOCATIONS = List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy");
    /** Health check period: a killed node leaves the pool after three of these (new connections are redispatched). */
    public static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

    private final Path dir;
    private final int port;
    private final Process process;

    private Haproxy(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The haproxy binary on PATH or in the usual Debian places, if installed. */
    public static Optional<Path> binary() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s, "haproxy"));
        return Stream.concat(onPath, LOCATIONS.stream().map(Path::of)).filter(Files::isExecutable).findFirst();
    }

    /** Writes the configuration for {@code nodes} and starts HAProxy in the foreground; returns once every node is UP. */
    public static Haproxy start(Path dir, List<ServerNode> nodes) {
        Path bin = binary().orElseThrow(() -> new IllegalStateException("haproxy is not installed"));
        try {
            Files.createDirectories(dir);
            int port = freePort();
            Path config = dir.resolve("haproxy.cfg");
            Files.writeString(config, config(dir.resolve("admin.sock"), port, nodes));
            Process p = new ProcessBuilder(bin.toString(), "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
            Haproxy haproxy = new Haproxy(dir, port, p);
            for (ServerNode n : nodes) {
                haproxy.awaitStatus(n, "UP");
            }
            return haproxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start haproxy", e);
        }
    }

    static String config(Path adminSocket, int port, List<ServerNode> nodes) {
        StringBuilder b = new StringBuilder();
        b.append("""
                global
                  # no maxconn: HAProxy derives it from the file descriptor limit it may raise
                  stats socket %s mode 600 level admin
                defaults
                  mode http
                  # a connection refused by a dead node is retried on another one
                  option redispatch
                  retries 3
                  timeout connect 1s
                  timeout client 60s
                  timeout server 60s
                  # an upgraded WebSocket is a tunnel: idle between heartbeats, not an HTTP exchange
                  timeout tunnel 1h
                  timeout http-request 10s
                  # without it a check times out after 'inter': a node busy for 200 ms on a loaded machine would
                  # leave the pool, and with both out HAProxy answers 503 itself
                  timeout check 2s
                frontend desks
                  bind 127.0.0.1:%d
                  default_backend nodes
                backend nodes
                  balance roundrobin
                  option httpchk GET /api/health
                  http-check expect status 200
                  default-server inter %dms fastinter %dms downinter %dms fall 3 rise 1
                """.formatted(adminSocket, port, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis()));
        for (ServerNode n : nodes) {
            b.append("  server ").append(n.name()).append(" 127.0.0.1:").append(n.port()).append(" check\n");
        }
        return b.toString();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port + com.avgym.server.AvGymServer.WS_PATH;
    }

    /** Takes {@code node} out of rotation for new connections (established tunnels stay). */
    public void maintenance(ServerNode node) {
        command("set server nodes/" + node.name() + " state maint");
        awaitStatus(node, "MAINT");
    }

    /** Puts {@code node} back in rotation; it takes traffic once its health check passes. */
    public void ready(ServerNode node) {
        command("set server nodes/" + node.name() + " state ready");
    }

    /** Waits until HAProxy reports {@code status} (UP, DOWN, MAINT, ...) for {@code node}. */
    public void awaitStatus(ServerNode node, String status) {
        await("haproxy sees " + node.name() + " " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .failFast("haproxy exited (see haproxy.log)", () -> !process.isAlive())
                .ignoreExceptions().until(() -> status(node).startsWith(status));
    }

    /** The status column of {@code show stat} for {@code node}. */
    public String status(ServerNode node) {
        for (String line : command("show stat").split("\n")) {
            String[] cols = line.split(",", -1);
            if (cols.length > 17 && cols[0].equals("nodes") && cols[1].equals(node.name())) {
                return cols[17];
            }
        }
        throw new IllegalStateException("haproxy does not know " + node.name());
    }

    /** One command on the admin socket; answers what HAProxy wrote back. */
    public String command(String line) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(dir.resolve("admin.sock")));
            ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
            var out = new java.io.ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("haproxy admin socket: " + line, e);
        }
    }

    public String logText() {
        try {
            return Files.readString(dir.resolve("haproxy.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
