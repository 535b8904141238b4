package com.avgym.cli;

import com.avgym.client.ServerTrust;
import com.avgym.desk.DeskLauncher;
import com.avgym.server.AvGymServer;
import com.avgym.server.ServerConfig;
import com.avgym.server.storage.PrivateFiles;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avgym desk} (also what {@code avgym} alone runs): the front-desk window. Without {@code --server} it
 * starts the backend in this process on a free local port, with demo data on the first run, so a single
 * machine needs nothing else.
 */
@Command(name = "desk", mixinStandardHelpOptions = true, description = "Open the front-desk app (the default command).")
class DeskCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DeskCommand.class);
    @Option(names = "--server", description = "Base URL of a running server, e.g. http://gym-server:8080; "
            + "default: desk.properties in the data dir, else start one inside this process.")
    URI server;
    @Option(names = "--data", description = "Data directory (default ~/.avgym, or $AVGYM_HOME).")
    Path data;
    @Option(names = "--server-cert-sha256", paramLabel = "FINGERPRINT", description = "Trust only the https server "
            + "whose certificate has this SHA-256 fingerprint (as the server prints it for its self-signed certificate); "
            + "default: desk.properties, else the system trust store.")
    String serverCertSha256;
    @Option(names = "--location", description = "This desk's name on visits (default: desk.properties, else Front desk).")
    String location;
    // The installer build's training run: it records which classes a start loads into the app's AOT cache.
    @Option(names = "--exit-when-ready", hidden = true,
            description = "Quit once the sign-in window is shown and the backend answers.")
    boolean exitWhenReady;

    /** True for {@code avgym kiosk}; the desk also becomes the kiosk with {@code mode=kiosk} in desk.properties. */
    boolean kioskCommand() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        DeskLauncher.prepare();
        Path dataDir = data != null ? data : DataDirs.defaultDataDir();
        // Before the desk writes its queue there: owner-only, like the server's files in it.
        PrivateFiles.createPrivateDirectory(dataDir);
        DeskSettings settings;
        try {
            settings = DeskSettings.load(dataDir);
        } catch (IllegalArgumentException e) {
            // Never fall back to the built-in server here: this desk's visits would go to a database of its own.
            log.error("cannot start the desk: {}", e.getMessage());
            return 2;
        }
        URI server = this.server != null ? this.server : settings.server();
        String location = this.location != null ? this.location : settings.location() != null ? settings.location() : "Front desk";
        String pin = serverCertSha256 != null ? serverCertSha256 : settings.serverCertSha256();
        ServerTrust trust;
        try {
            trust = DeskSettings.trust(server, pin);
        } catch (IllegalArgumentException e) {
            log.error("cannot start the desk: {}", e.getMessage());
            return 2;
        }
        boolean kiosk = kioskCommand() || settings.kiosk();
        if (kiosk && this.location == null && settings.location() == null) {
            location = "Kiosk";
        }
        if (server != null) {
            launch(kiosk, settings, server, trust, false, dataDir, CompletableFuture.completedFuture(null), location);
            return 0;
        }
        ServerConfig config = ServerConfig.defaults(dataDir)
                .withAddress("127.0.0.1", 0)
                .withDemo(true, System.getenv("AVGYM_DEMO_PASSWORD"));
        // Bind the port now and start the server beside the window: the first run migrates and hashes demo
        // passwords, and staff should see the window at once rather than wait for that.
        ServerSocketChannel channel = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        URI base = URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.getLocalAddress()).getPort());
        // Also sets up logging on this thread before two threads race to do it (SLF4J would warn of a replay).
        log.info("starting the built-in server on {} (data in {})", base, dataDir);
        ExecutorService starter = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("avgym-backend-start").factory());
        CompletableFuture<AvGymServer> embedded = CompletableFuture.supplyAsync(() -> {
            try {
                return AvGymServer.start(config, channel);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, starter);
        starter.shutdown();
        try {
            launch(kiosk, settings, base, trust, true, dataDir, embedded.thenApply(s -> s.generatedDemoPassword().orElse(null)),
                    location);
        } finally {
            embedded.thenAccept(AvGymServer::close).exceptionally(e -> null).join();
            channel.close();
        }
        return 0;
    }

    private void launch(boolean kiosk, DeskSettings settings, URI server, ServerTrust trust, boolean embedded, Path dataDir,
            java.util.concurrent.CompletionStage<String> backend, String location) throws Exception {
        if (kiosk) {
            DeskLauncher.runKiosk(server, trust, embedded, dataDir, backend, location, settings.gymName(),
                    settings.offlinePolicy());
        } else {
            DeskLauncher.run(server, trust, embedded, dataDir, backend, location, exitWhenReady, settings.offlinePolicy());
        }
    }
}
