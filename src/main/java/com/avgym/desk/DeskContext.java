package com.avgym.desk;

import com.avgym.client.ConnectionService;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the desk app is started with: a connection service created (and later closed) by whoever launches it,
 * the server it talks to, and {@code backend}: completes when the server can answer, with the one-time demo
 * password to show on the sign-in window (null when none was generated), or fails when a built-in server
 * could not start. The window opens before that, so it never waits for the server's first-run work.
 */
public record DeskContext(ConnectionService service, URI server, boolean embeddedServer, String location, ZoneId zone,
                          Duration pollInterval, CompletionStage<String> backend) {
    public DeskContext {
        Objects.requireNonNull(service);
        Objects.requireNonNull(server);
        Objects.requireNonNull(backend);
        Objects.requireNonNull(location);
        Objects.requireNonNull(zone);
        Objects.requireNonNull(pollInterval);
    }

    /** A backend that is already up. */
    public DeskContext(ConnectionService service, URI server, boolean embeddedServer, String demoPassword,
                       String location, ZoneId zone, Duration pollInterval) {
        this(service, server, embeddedServer, location, zone, pollInterval, CompletableFuture.completedFuture(demoPassword));
    }
}
