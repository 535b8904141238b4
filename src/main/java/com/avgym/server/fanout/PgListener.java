package com.avgym.server.fanout;

import com.avgym.server.checkin.EventLog;
import com.avgym.server.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs for the event log's NOTIFY on a connection of its own and signals the dispatcher, so events written by
 * another server process go out here within milliseconds. A lost connection is opened again (backing off to
 * {@link #MAX_BACKOFF}); on every (re)connect the dispatcher is signalled to catch up from the log, and while it
 * is down the dispatcher's poll still reads the log.
 */
public final class PgListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgListener.class);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int WAIT_MS = 500;

    private final Database db;
    private final Runnable onEvents;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection current;
    private volatile int backendPid;

    public PgListener(Database db, Runnable onEvents) {
        this.db = db;
        this.onEvents = onEvents;
        this.thread = Thread.ofPlatform().name("avgym-listen").daemon().unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    /** The PostgreSQL backend pid of the LISTEN connection, 0 while there is none (tests terminate it). */
    public int backendPid() {
        return backendPid;
    }

    private void loop() {
        long backoffMs = 100;
        while (running) {
            try (Connection c = db.openDedicated()) {
                current = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + EventLog.CHANNEL);
                    try (var rs = s.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        backendPid = rs.getInt(1);
                    }
                }
                backoffMs = 100;
                log.info("listening for events on {}", EventLog.CHANNEL);
                // Whatever was committed while we were not listening.
                onEvents.run();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] got = pg.getNotifications(WAIT_MS);
                    if (got != null && got.length > 0) {
                        onEvents.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                backendPid = 0;
                if (!running) {
                    return;
                }
                log.warn("event LISTEN connection lost; reconnecting in {} ms: {}", backoffMs, e.toString());
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                return;
            }
            backoffMs = Math.min(MAX_BACKOFF.toMillis(), backoffMs * 2);
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing is all we wanted.
            }
        }
        thread.interrupt();
    }
}
