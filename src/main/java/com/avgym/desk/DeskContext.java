package com.avgym.desk;

import com.avgym.client.ConnectionService;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What the desk app is started with: a connection service created (and later closed) by whoever launches it,
 * the server it talks to, and the one-time demo password to show on the sign-in window (null when none was
 * generated).
 */
public record DeskContext(ConnectionService service, URI server, boolean embeddedServer, String demoPassword,
                          String location, ZoneId zone, Duration pollInterval) {
    public DeskContext {
        Objects.requireNonNull(service);
        Objects.requireNonNull(server);
        Objects.requireNonNull(location);
        Objects.requireNonNull(zone);
        Objects.requireNonNull(pollInterval);
    }
}
