package com.avgym.client;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * What the parts of {@link ConnectionService} share: the configuration, the one scheduler thread and its timers,
 * the REST and disk executors, the listeners, and the parts themselves. {@link ConnectionService} wires the parts
 * once, before anything runs; after that every field but {@link #sessionEnded} is touched on the scheduler's
 * thread only, so the parts need no locks between them.
 */
final class ServiceContext {
    final ClientConfig config;
    final Scheduler scheduler;
    final Timers timers;
    final BackendApi api;
    final Executor disk;
    final Executor net;
    final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
    /** The saved refresh token of an unattended device; touched on the REST thread ({@link #net}) only. */
    final DeviceSession session;
    /** Set when the session ends (AUTH_REQUIRED, CLOSED): REST calls still queued on the REST thread stay home. */
    volatile boolean sessionEnded;

    ConnectionMachine machine;
    SocketLink socket;
    TokenKeeper tokens;
    Poller poller;
    EventSync events;
    Broadcasts broadcasts;
    ScanOutbox outbox;
    /** The local roster and offline verdicts; null when the service was built without a roster store. */
    OfflineRoster roster;

    ServiceContext(ClientConfig config, Scheduler scheduler, BackendApi api, Executor disk, Executor net) {
        this.config = config;
        this.scheduler = scheduler;
        this.timers = new Timers(scheduler);
        this.api = api;
        this.disk = disk;
        this.net = net;
        this.session = new DeviceSession(config.sessionFile());
    }

    Instant now() {
        return scheduler.now();
    }

    /** Run first in REST tasks but sign-in and sign-out: one queued before the session ended sends nothing. */
    void stayHomeIfEnded() throws IOException {
        if (sessionEnded) {
            throw new IOException("session ended; call not sent");
        }
    }
}
