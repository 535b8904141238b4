package com.avgym.client;

import com.avgym.protocol.message.CheckInCommand;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection service's roster side: keeps the local roster in step ({@link RosterSync}) and gives a check-in
 * that was queued instead of answered its offline verdict ({@link OfflineDecision}), written into the queued
 * command before the caller hears "queued". The service calls it on its scheduler thread; the roster is read and
 * the queue rewritten on the disk executor.
 */
final class OfflineRoster {
    private static final Logger log = LoggerFactory.getLogger(OfflineRoster.class);

    private final ClientConfig config;
    private final Scheduler scheduler;
    private final RosterStore store;
    private final OfflineQueue queue;
    private final Executor disk;
    private final RosterSync sync;

    OfflineRoster(ClientConfig config, Scheduler scheduler, Timers timers, RosterStore store, OfflineQueue queue,
                  ReadApi api, Executor disk, Executor net, Supplier<String> accessToken,
                  Consumer<RosterStore.State> synced) {
        this.config = config;
        this.scheduler = scheduler;
        this.store = store;
        this.queue = queue;
        this.disk = disk;
        this.sync = new RosterSync(scheduler, timers, store, api, disk, net, accessToken, synced);
        sync.load();
    }

    RosterStore store() {
        return store;
    }

    RosterStore.State state() {
        return sync.known();
    }

    /** Every transition of the connection: arriving in LIVE syncs; LIVE and BACKUP keep the 10-minute sync. */
    void connectionChanged(ConnectionState from, ConnectionState to) {
        sync.connectionChanged(to == ConnectionState.LIVE && from != ConnectionState.LIVE,
                to == ConnectionState.LIVE || to == ConnectionState.BACKUP);
    }

    void memberUpdated(long version) {
        sync.memberUpdated(version);
    }

    void sessionEnded() {
        sync.stop();
    }

    /**
     * Decides {@code q} (a check-in; anything else gets no verdict) and rewrites it in the disk queue, then calls
     * {@code then} on the scheduler thread with the command as now queued (null if it left the queue meanwhile or
     * nothing was decided) and the decision (null: none). A roster that cannot be read decides nothing: the scan
     * stays queued, which is what it was before the roster existed.
     */
    void decideQueued(QueuedCommand q, BiConsumer<QueuedCommand, OfflineDecision> then) {
        CheckInCommand in = q.checkIn();
        if (in == null || in.offlineVerdict() != null || config.offlinePolicy() == OfflinePolicy.QUEUE_ONLY) {
            then.accept(null, null);
            return;
        }
        disk.execute(() -> {
            QueuedCommand decided = null;
            OfflineDecision d = null;
            try {
                d = OfflineDecision.decide(in, config.offlinePolicy(), config.zone(), store);
                if (d != null) {
                    decided = queue.replace(d.applyTo(in));
                }
            } catch (SQLException | RuntimeException e) {
                log.error("cannot decide a queued scan from the roster; it stays queued without a verdict", e);
                d = null;
            }
            QueuedCommand stored = decided;
            OfflineDecision decision = stored == null ? null : d;
            scheduler.execute(() -> then.accept(stored, decision));
        });
    }
}
