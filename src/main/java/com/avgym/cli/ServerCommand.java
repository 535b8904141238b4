package com.avgym.cli;

import com.avgym.server.AvGymServer;
import com.avgym.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code avgym server}: runs the backend until stopped (Ctrl-C or SIGTERM drains it gracefully). */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the check-in server.")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;
    @Option(names = "--data", description = "Data directory (default ~/.avgym).")
    Path data;
    @Option(names = "--db", description = "JDBC URL, e.g. jdbc:postgresql://host/avgym?user=..; default an SQLite file in the data dir.")
    String db;
    @Option(names = "--demo", description = "Seed demo users and members into an empty database.")
    boolean demo;
    @Option(names = "--access-token-ttl", defaultValue = "300", description = "Access token lifetime in seconds.")
    long accessTtl;
    @Option(names = "--refresh-token-ttl", defaultValue = "43200", description = "Refresh token lifetime in seconds.")
    long refreshTtl;
    @Option(names = "--heartbeat-interval", defaultValue = "10", description = "Seconds between client heartbeats.")
    long heartbeat;
    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "A browser origin (scheme://host[:port]) allowed to open the WebSocket; repeatable. Clients that send no Origin (the desk) are always allowed.")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path dataDir = data != null ? data : DataDirs.defaultDataDir();
        ServerConfig config = ServerConfig.defaults(dataDir)
                .withAddress(host, port)
                .withDatabase(db)
                .withDemo(demo, System.getenv("AVGYM_DEMO_PASSWORD"))
                .withTokenTtls(Duration.ofSeconds(accessTtl), Duration.ofSeconds(refreshTtl))
                .withHeartbeat(Duration.ofSeconds(heartbeat));
        config = config.withHttpPolicy(config.http().withAllowedOrigins(allowedOrigins));
        AvGymServer server = AvGymServer.start(config);
        server.generatedDemoPassword().ifPresent(pw -> System.out.println(
                "demo users desk, admin, trainer: password " + pw + " (shown once; set AVGYM_DEMO_PASSWORD to choose it)"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "avgym-shutdown"));
        System.out.println("listening on " + server.baseUrl());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
