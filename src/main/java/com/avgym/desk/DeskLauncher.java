package com.avgym.desk;

import com.avgym.client.ClientConfig;
import com.avgym.client.OfflinePolicy;
import com.avgym.client.ConnectionService;
import com.avgym.client.HttpBackendApi;
import com.avgym.client.StaffPasswordCheck;
import com.avgym.client.ServerTrust;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the desk app until its window closes: creates the connection service (its queue file lives in the
 * data dir, so scans queued offline survive a restart), launches JavaFX, and closes the service afterwards on
 * the calling thread, never on the UI thread. The CLI calls this and needs no JavaFX types itself.
 */
public final class DeskLauncher {
    private static final Logger log = LoggerFactory.getLogger(DeskLauncher.class);

    /** The kiosk's device session (its newest refresh token, owner-only) in the data dir. */
    static final String KIOSK_SESSION_FILE = "kiosk-session";
    private static final CompletableFuture<Void> toolkit = new CompletableFuture<>();
    private static boolean starting;

    private DeskLauncher() {
    }

    /**
     * Starts JavaFX's toolkit on a thread of its own, now. Its start takes seconds on a desk PC; called first
     * thing, that overlaps with the command line's own start (logging, data dir, the connection service).
     */
    public static void prepare() {
        synchronized (toolkit) {
            if (!toolkit.isDone() && !starting) {
                starting = true;
                Thread.ofPlatform().name("avgym-fx-start").daemon().start(() -> {
                    try {
                        Platform.startup(() -> toolkit.complete(null));
                    } catch (RuntimeException e) {
                        toolkit.completeExceptionally(e);
                    }
                });
            }
        }
    }

    /**
     * Blocks until the window is closed. {@code backend} completes when the server answers, with the demo password
     * to show once on the sign-in window (null: none); see {@link DeskContext}. With {@code exitWhenReady} the
     * window closes itself as soon as it is shown and the backend has answered (the installer's training run).
     */
    public static void run(URI server, ServerTrust trust, boolean embedded, Path dataDir, CompletionStage<String> backend,
            String location, boolean exitWhenReady) throws Exception {
        run(server, trust, embedded, dataDir, backend, location, exitWhenReady, OfflinePolicy.ADMIT_KNOWN);
    }

    /** As above, deciding scans offline from the member roster by {@code offlinePolicy} (desk.properties). */
    public static void run(URI server, ServerTrust trust, boolean embedded, Path dataDir, CompletionStage<String> backend,
            String location, boolean exitWhenReady, OfflinePolicy offlinePolicy) throws Exception {
        launch(server, trust, embedded, dataDir, backend, location, exitWhenReady,
                c -> c.withOffline(offlinePolicy, ZoneId.systemDefault()), DeskApp::new);
    }

    /**
     * As {@link #run}, for the kiosk: the full-screen self check-in with {@code gymName} on its screen. Leaving it
     * (staff exit) closes the window, and this returns; scans still queued stay in the data dir.
     */
    public static void runKiosk(URI server, ServerTrust trust, boolean embedded, Path dataDir,
            CompletionStage<String> backend, String location, String gymName, OfflinePolicy offlinePolicy) throws Exception {
        // The staff exit's password check signs in beside the device session, never with it, on a thread of its own.
        ExecutorService checks = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("avgym-staff-check").daemon().factory());
        try {
            StaffPasswordCheck staffCheck = new StaffPasswordCheck(
                    new HttpBackendApi(server, ClientConfig.defaults(server, dataDir).connectTimeout(), trust), checks);
            // A kiosk's device account may read neither stats nor visits: the client asks for none of them. Its
            // session is kept in the data dir, so a restart (power cut, update) needs no staff to sign it in again.
            launch(server, trust, embedded, dataDir, backend, location, false,
                    c -> c.withOffline(offlinePolicy, ZoneId.systemDefault()).withLiveData(false)
                            .withSessionFile(dataDir.resolve(KIOSK_SESSION_FILE)),
                    desk -> new KioskApp(new KioskContext(desk, gymName, new FxUiDelay(), staffCheck, true)));
        } finally {
            checks.shutdownNow();
        }
    }

    private static void launch(URI server, ServerTrust trust, boolean embedded, Path dataDir, CompletionStage<String> backend,
            String location, boolean exitWhenReady, UnaryOperator<ClientConfig> profile, Function<DeskContext, WindowApp> window)
            throws Exception {
        prepare();
        Files.createDirectories(dataDir);
        ClientConfig config = profile.apply(ClientConfig.defaults(server, dataDir.resolve("desk-queue.db")));
        try (ConnectionService service = ConnectionService.create(config, trust)) {
            DeskContext context = new DeskContext(service, server, embedded, location, ZoneId.systemDefault(),
                    config.pollInterval(), backend);
            log.info("desk starting against {} ({})", server, trust);
            toolkit.join();
            CompletableFuture<Void> closed = new CompletableFuture<>();
            Platform.runLater(() -> {
                WindowApp app = window.apply(context);
                Stage stage = new Stage();
                stage.setOnHidden(e -> {
                    app.stop();
                    closed.complete(null);
                });
                try {
                    app.start(stage);
                    if (exitWhenReady) {
                        backend.whenComplete((password, error) -> Platform.runLater(stage::close));
                    }
                } catch (RuntimeException e) {
                    closed.completeExceptionally(e);
                }
            });
            closed.join();
        } finally {
            Platform.exit();
        }
    }
}
