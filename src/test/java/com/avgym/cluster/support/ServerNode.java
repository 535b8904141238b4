package com.avgym.cluster.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real server process ({@code avgym server}) on the shared database, with its own data dir and log file.
 * It is started on a free port the first time and on that same port again after a kill, so the load
 * balancer's configuration stays valid.
 */
public final class ServerNode {
    private static final Pattern LISTENING = Pattern.compile("listening on (https?://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Path dataDir;
    private final String jdbcUrl;
    private final List<String> extraArgs;
    private int port;
    private int starts;
    private Process process;
    private Path log;

    ServerNode(String name, Path dataDir, String jdbcUrl, List<String> extraArgs) {
        this.name = name;
        this.dataDir = dataDir;
        this.jdbcUrl = jdbcUrl;
        this.extraArgs = List.copyOf(extraArgs);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The node's own address, bypassing the load balancer. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port + com.avgym.server.AvGymServer.WS_PATH;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Starts the process and returns once it printed its {@code listening on} line. */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        log = dataDir.resolve("node-" + name + "-" + starts + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "com.avgym.cli.Main", "server",
                "--data", dataDir.toString(), "--db", jdbcUrl, "--port", Integer.toString(port)));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + name, e);
        }
        Process started = process;
        await("node " + name + " listening").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> listeningPort() > 0 || !started.isAlive());
        if (!started.isAlive()) {
            throw new IllegalStateException("node " + name + " exited with " + started.exitValue() + ":\n" + logText());
        }
        port = listeningPort();
    }

    /** kill -9: no shutdown hook, no close frames; the operating system resets its connections. */
    public void kill() {
        Process p = process;
        p.destroyForcibly();
        waitExit(p);
    }

    /** Cleanup: kills the process if it runs, quietly. */
    void kill0() {
        if (isAlive()) {
            kill();
        }
    }

    /** SIGTERM: the server's own graceful stop (drain) runs. */
    public void stop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            waitExit(p);
        }
    }

    public String logText() {
        try {
            return log == null || !Files.exists(log) ? "" : Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private int listeningPort() {
        Matcher m = LISTENING.matcher(logText());
        if (!m.find()) {
            return 0;
        }
        String url = m.group(1);
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1).replaceAll("\\D.*$", ""));
    }

    private static void waitExit(Process p) {
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
