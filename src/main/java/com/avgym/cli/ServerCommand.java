package com.avgym.cli;

import com.avgym.server.AvGymServer;
import com.avgym.server.ServerConfig;
import com.avgym.server.tls.ServerCertificate;
import com.avgym.server.tls.TransportSecurity;
import com.avgym.server.storage.DataDirLock;
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
    @Option(names = "--port", description = "Port (default 8080, or 8443 with --tls; 0 picks a free one).")
    Integer port;
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
    @Option(names = "--tls", description = "Serve HTTPS/WSS only; without --tls-cert/--tls-key with a self-signed "
            + "certificate made once in the data dir (its SHA-256 fingerprint is printed for the desks to pin).")
    boolean tls;
    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain, the server's own first "
            + "(e.g. Let's Encrypt's fullchain.pem).")
    Path tlsCert;
    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert (PKCS#8, RSA or EC).")
    Path tlsKey;
    @Option(names = "--insecure-http", description = "Allow plain HTTP on a non-loopback --host (only behind a VPN or a "
            + "TLS proxy): passwords and tokens cross the network in clear.")
    boolean insecureHttp;
    @Option(names = "--heartbeat-interval", defaultValue = "10", description = "Seconds between client heartbeats.")
    long heartbeat;
    @Option(names = "--max-sockets", defaultValue = "1000", description = "Most sockets this server holds (default ${DEFAULT-VALUE}); more are closed with 1013.")
    int maxSockets;
    @Option(names = "--max-sockets-per-user", defaultValue = "10", description = "Most sockets of one user (default ${DEFAULT-VALUE}); more upgrades get 429.")
    int maxSocketsPerUser;
    @Option(names = "--drain-window", defaultValue = "10", paramLabel = "S", description = "On SIGTERM, seconds over which "
            + "the sockets are closed (1012, with a retry hint) so the other nodes see no reconnect storm (default ${DEFAULT-VALUE}; 0: all at once).")
    double drainWindow;
    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "A browser origin (scheme://host[:port]) allowed to open the WebSocket; repeatable. Clients that send no Origin (the desk) are always allowed.")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    /** What the operator needs to set up the desks: the fingerprint, and for a self-signed certificate the pin line. */
    static String certificateText(ServerCertificate c) {
        return c.selfSigned()
                ? "TLS certificate SHA-256 fingerprint " + c.fingerprint() + " (self-signed, " + c.origin() + ")\n"
                        + "  pin it on each desk, in desk.properties: server-cert-sha256=" + c.fingerprint()
                : "TLS certificate SHA-256 fingerprint " + c.fingerprint() + " (" + c.origin() + ")";
    }

    /** --max-sockets, --max-sockets-per-user and --drain-window applied to {@code config}; refuses nonsense. */
    ServerConfig withSocketOptions(ServerConfig config) {
        if (maxSockets < 1 || maxSocketsPerUser < 1) {
            throw new IllegalArgumentException("--max-sockets and --max-sockets-per-user must be at least 1");
        }
        if (!(drainWindow >= 0 && drainWindow <= 3600)) {
            throw new IllegalArgumentException("--drain-window must be between 0 and 3600 seconds");
        }
        return config.withSocketLimits(maxSockets, maxSocketsPerUser)
                .withDrainWindow(Duration.ofMillis(Math.round(drainWindow * 1000)));
    }

    @Override
    public Integer call() throws Exception {
        Path dataDir = data != null ? data : DataDirs.defaultDataDir();
        TransportSecurity transport;
        try {
            transport = new TransportSecurity(tls, tlsCert, tlsKey, insecureHttp);
        } catch (IllegalArgumentException e) {
            System.err.println("avgym server: " + e.getMessage());
            return 2;
        }
        if (transport.refusal(host).isPresent()) {
            System.err.println("avgym server: " + transport.refusal(host).get());
            return 2;
        }
        transport.warning(host).ifPresent(w -> System.err.println("WARNING: " + w));
        ServerConfig config = ServerConfig.defaults(dataDir)
                .withAddress(host, port != null ? port : tls ? 8443 : 8080)
                .withTransport(transport)
                .withDatabase(db)
                .withDemo(demo, System.getenv("AVGYM_DEMO_PASSWORD"))
                .withTokenTtls(Duration.ofSeconds(accessTtl), Duration.ofSeconds(refreshTtl))
                .withHeartbeat(Duration.ofSeconds(heartbeat))
                // from the environment, not an option: the command line is visible to every user in ps
                .withMetricsToken(blankToNull(System.getenv("AVGYM_METRICS_TOKEN")));
        config = config.withHttpPolicy(config.http().withAllowedOrigins(allowedOrigins));
        try {
            config = withSocketOptions(config);
        } catch (IllegalArgumentException e) {
            System.err.println("avgym server: " + e.getMessage());
            return 2;
        }
        AvGymServer server;
        try {
            server = AvGymServer.start(config);
        } catch (IllegalArgumentException badCertificate) {
            System.err.println("avgym server: " + badCertificate.getMessage());
            return 2;
        } catch (DataDirLock.InUseException e) {
            System.err.println("avgym server: " + e.getMessage());
            return 1;
        }
        server.certificate().ifPresent(c -> System.out.println(certificateText(c)));
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
