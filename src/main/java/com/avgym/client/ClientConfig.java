package com.avgym.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Tunables of the connection service; {@link #defaults} gives the documented policy. {@code server} is
 * the base http(s) URL; the socket URL is derived from it.
 *
 * <p>{@code liveData}: true for a desk (stats, visits, resume, refetch, REST event polling in BACKUP); false for a
 * kiosk, whose device account may not read them: its BACKUP only probes {@code /api/health} and drains scans.
 * {@code sessionFile}: where the newest refresh token is kept across restarts (owner-only), or null for none.
 * {@code offlinePolicy} and {@code zone} rule the verdicts taken from the local roster while the server is away (the
 * zone's date is the scan's "today").
 */
public record ClientConfig(URI server, Path queueFile, Duration backoffBase, Duration backoffCap,
                           Duration restartSpread, Duration commandTimeout, Duration connectTimeout,
                           Duration pollInterval, Duration backupAfter, int backupAfterAttempts, int recentSize,
                           int sendWindow, boolean liveData, Path sessionFile,
                           OfflinePolicy offlinePolicy, ZoneId zone) {

    public static ClientConfig defaults(URI server, Path queueFile) {
        return new ClientConfig(server, queueFile, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(15), 3, 50, 32,
                true, null, OfflinePolicy.ADMIT_KNOWN, ZoneId.systemDefault());
    }

    public ClientConfig withBackoff(Duration base, Duration cap) {
        return new ClientConfig(server, queueFile, base, cap, restartSpread, commandTimeout, connectTimeout, pollInterval,
                backupAfter, backupAfterAttempts, recentSize, sendWindow, liveData, sessionFile, offlinePolicy, zone);
    }

    public ClientConfig withPollInterval(Duration interval) {
        return new ClientConfig(server, queueFile, backoffBase, backoffCap, restartSpread, commandTimeout, connectTimeout,
                interval, backupAfter, backupAfterAttempts, recentSize, sendWindow, liveData, sessionFile, offlinePolicy, zone);
    }

    public ClientConfig withTimeouts(Duration command, Duration connect) {
        return new ClientConfig(server, queueFile, backoffBase, backoffCap, restartSpread, command, connect, pollInterval,
                backupAfter, backupAfterAttempts, recentSize, sendWindow, liveData, sessionFile, offlinePolicy, zone);
    }

    /** false for a kiosk: no stats, visits, resume or refetch; BACKUP probes health and drains the queue. */
    public ClientConfig withLiveData(boolean live) {
        return new ClientConfig(server, queueFile, backoffBase, backoffCap, restartSpread, commandTimeout, connectTimeout,
                pollInterval, backupAfter, backupAfterAttempts, recentSize, sendWindow, live, sessionFile, offlinePolicy, zone);
    }

    /** Keeps the session's refresh token in {@code file} (null: off), so a restart needs no password. */
    public ClientConfig withSessionFile(Path file) {
        return new ClientConfig(server, queueFile, backoffBase, backoffCap, restartSpread, commandTimeout, connectTimeout,
                pollInterval, backupAfter, backupAfterAttempts, recentSize, sendWindow, liveData, file, offlinePolicy, zone);
    }

    /** What to decide offline ({@code offline-policy}), and the zone whose date "today" is (the gym's). */
    public ClientConfig withOffline(OfflinePolicy policy, ZoneId gymZone) {
        return new ClientConfig(server, queueFile, backoffBase, backoffCap, restartSpread, commandTimeout, connectTimeout,
                pollInterval, backupAfter, backupAfterAttempts, recentSize, sendWindow, liveData, sessionFile, policy,
                gymZone);
    }

    public URI socketUri() {
        String scheme = "https".equalsIgnoreCase(server.getScheme()) ? "wss" : "ws";
        String path = server.getPath() == null || server.getPath().isEmpty() || "/".equals(server.getPath())
                ? "" : server.getPath().replaceAll("/$", "");
        return URI.create(scheme + "://" + server.getAuthority() + path + "/ws/checkins/");
    }
}
