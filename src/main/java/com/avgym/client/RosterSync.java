package com.avgym.client;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link RosterStore} in step with the server: the whole roster at the first sign-in (version 0), the
 * changes since its version afterwards. Triggers: every arrival in LIVE (sign-in, reconnection), a
 * {@code member_updated} newer than the roster, and every {@link #PERIOD} while LIVE or BACKUP. One sync at a
 * time; a trigger during one is remembered and served after it. A failed sync waits for the next trigger and never
 * touches the connection's state (the roster is a convenience for outages, not a reason for one).
 *
 * <p>Decisions run on the scheduler thread (the service's), the request on the REST executor, the write on the disk
 * executor, as the service does its own work.
 */
final class RosterSync {
    private static final Logger log = LoggerFactory.getLogger(RosterSync.class);
    /** How stale a roster may grow while the server is reachable and quiet. */
    static final Duration PERIOD = Duration.ofMinutes(10);

    private final Scheduler scheduler;
    private final Timers timers;
    private final RosterStore store;
    private final ReadApi api;
    private final Executor disk;
    private final Executor net;
    private final Supplier<String> accessToken;
    private final Consumer<RosterStore.State> synced;

    // --- scheduler thread only ---
    private RosterStore.State known;
    private boolean inFlight;
    /** An arrival in LIVE during a sync: sync once more after it. */
    private boolean again;
    /** The newest version member_updated announced during a sync: sync once more if that one fell short. */
    private long wanted;
    private boolean reachable;
    private Scheduler.Cancellable periodic;
    private boolean stopped;

    /**
     * {@code accessToken} is read on the scheduler thread (null: not signed in); {@code synced} is told, on the
     * scheduler thread, each time the roster was brought in step.
     */
    RosterSync(Scheduler scheduler, Timers timers, RosterStore store, ReadApi api, Executor disk, Executor net,
               Supplier<String> accessToken, Consumer<RosterStore.State> synced) {
        this.scheduler = scheduler;
        this.timers = timers;
        this.store = store;
        this.api = api;
        this.disk = disk;
        this.net = net;
        this.accessToken = accessToken;
        this.synced = synced;
        this.known = new RosterStore.State(0, null);
    }

    /** Reads the stored version and age (disk thread), then takes it on the scheduler thread. */
    void load() {
        disk.execute(() -> {
            try {
                RosterStore.State s = store.state();
                scheduler.execute(() -> {
                    if (known.syncedAt() == null) {
                        known = s;
                    }
                });
            } catch (SQLException e) {
                log.error("cannot read the member roster", e);
            }
        });
    }

    /** The roster's version and age as last loaded or synced (scheduler thread). */
    RosterStore.State known() {
        return known;
    }

    /**
     * The connection's state changed. {@code cameLive}: it has just arrived in LIVE (sign-in or reconnection);
     * {@code reachable}: LIVE or BACKUP, where the server answers and the periodic sync runs.
     */
    void connectionChanged(boolean cameLive, boolean reachable) {
        stopped = false;
        this.reachable = reachable;
        if (cameLive) {
            syncNow();
        } else if (reachable && periodic == null && !inFlight) {
            armPeriodic();
        } else if (!reachable) {
            cancelPeriodic();
        }
    }

    /** {@code member_updated}: fetch the changes if the server is ahead of us. */
    void memberUpdated(long version) {
        if (inFlight) {
            wanted = Math.max(wanted, version);
        } else if (version > known.version()) {
            syncNow();
        }
    }

    /** The session ended: no more syncs until the next sign-in. */
    void stop() {
        stopped = true;
        reachable = false;
        again = false;
        cancelPeriodic();
    }

    private void syncNow() {
        if (stopped) {
            return;
        }
        if (inFlight) {
            again = true;
            return;
        }
        String token = accessToken.get();
        if (token == null) {
            return;
        }
        inFlight = true;
        cancelPeriodic();
        long since = known.syncedAt() == null ? 0 : known.version();
        // Taken before asking: the roster is in step with the server as of no later than this.
        Instant asOf = scheduler.now();
        net.execute(() -> {
            try {
                var page = api.roster(token, since);
                disk.execute(() -> {
                    try {
                        RosterStore.State s = store.apply(page, asOf);
                        scheduler.execute(() -> done(s, null));
                    } catch (SQLException | RuntimeException e) {
                        scheduler.execute(() -> done(null, e));
                    }
                });
            } catch (IOException | ApiException | RuntimeException e) {
                scheduler.execute(() -> done(null, e));
            }
        });
    }

    private void done(RosterStore.State s, Exception failure) {
        inFlight = false;
        if (failure != null) {
            // Retried at the next trigger: the next arrival in LIVE, member_updated, or the period.
            log.info("roster sync failed ({}); trying again at the next trigger", failure.getMessage());
        } else {
            known = s;
            log.debug("roster at version {}", s.version());
            synced.accept(s);
        }
        if (stopped) {
            return;
        }
        // Once, not until the versions meet: a server restored from a backup may never reach the announced one.
        boolean redo = failure == null && (again || wanted > known.version());
        again = false;
        wanted = 0;
        if (redo) {
            syncNow();
        } else if (reachable) {
            armPeriodic();
        }
    }

    private void armPeriodic() {
        cancelPeriodic();
        periodic = timers.schedule(() -> {
            periodic = null;
            syncNow();
        }, PERIOD);
    }

    private void cancelPeriodic() {
        Timers.cancel(periodic);
        periodic = null;
    }
}
