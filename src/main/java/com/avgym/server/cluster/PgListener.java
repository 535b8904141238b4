package com.avgym.server.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on one PostgreSQL channel over its own connection (never a pooled one: the pool would hand it to
 * others and recycle it) and hands each payload to a callback, on one daemon thread. A lost connection is
 * opened again with a growing wait (0.5 s up to 5 s); notifications sent meanwhile are lost, so after every
 * re-established LISTEN {@code onReconnected} runs for the caller to catch up from the tables.
 */
final class PgListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgListener.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final DedicatedConnections connections;
    private final String channel;
    private final Consumer<String> onPayload;
    private final Runnable onReconnected;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection current;
    private volatile boolean listening;

    PgListener(DedicatedConnections connections, String channel, Consumer<String> onPayload, Runnable onReconnected) {
        this.connections = connections;
        this.channel = channel;
        this.onPayload = onPayload;
        this.onReconnected = onReconnected;
        this.thread = Thread.ofPlatform().name("avgym-listen-" + channel).daemon().unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** True while the LISTEN is established (a test waits for it before notifying). */
    boolean listening() {
        return listening;
    }

    private void loop() {
        boolean missed = false;
        long backoff = 500;
        while (!closed) {
            try (Connection c = connections.open("avgym-listen")) {
                current = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                listening = true;
                backoff = 500;
                if (missed) {
                    log.info("LISTEN {} re-established; catching up", channel);
                    runSafely(onReconnected);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] batch = pg.getNotifications(500);
                    if (batch != null) {
                        for (PGNotification n : batch) {
                            handle(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (closed) {
                    break;
                }
                missed = true;
                log.warn("LISTEN {} lost ({}); reconnecting in {} ms", channel, e.getMessage(), backoff);
                try {
                    TimeUnit.MILLISECONDS.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    break;
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
        listening = false;
    }

    private void handle(String payload) {
        try {
            onPayload.accept(payload);
        } catch (RuntimeException e) {
            log.error("notification on {} could not be handled", channel, e);
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("catching up after LISTEN {} failed", channel, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing is all that is left to do with it.
            }
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
