package com.avgym.desk;

import com.avgym.client.ClientConfig;
import com.avgym.client.ConnectionService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.CompletionStage;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the desk app until its window closes: creates the connection service (its queue file lives in the
 * data dir, so scans queued offline survive a restart), launches JavaFX, and closes the service afterwards on
 * the calling thread, never on the UI thread. The CLI calls this and needs no JavaFX types itself.
 */
public final class DeskLauncher {
    private static final Logger log = LoggerFactory.getLogger(DeskLauncher.class);

    private DeskLauncher() {
    }

    /**
     * Blocks until the window is closed. {@code backend} completes when the server answers, with the demo password
     * to show once on the sign-in window (null: none); see {@link DeskContext}.
     */
    public static void run(URI server, boolean embedded, Path dataDir, CompletionStage<String> backend, String location)
            throws Exception {
        Files.createDirectories(dataDir);
        ClientConfig config = ClientConfig.defaults(server, dataDir.resolve("desk-queue.db"));
        try (ConnectionService service = ConnectionService.create(config)) {
            DeskApp.setLaunchContext(new DeskContext(service, server, embedded, location,
                    ZoneId.systemDefault(), config.pollInterval(), backend));
            log.info("desk starting against {}", server);
            Application.launch(DeskApp.class);
        }
    }
}
