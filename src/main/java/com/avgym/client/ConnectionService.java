package com.avgym.client;

import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckOutCommand;
import com.avgym.protocol.message.OverrideRequest;
import com.avgym.protocol.message.TokenPair;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's connection to the server: one explicit state machine (see {@link ConnectionState}) that
 * owns the socket, heartbeat, token refresh, retries, REST polling in BACKUP and the durable queue of
 * scans. Every state change happens on the {@link Scheduler}'s single thread; transport callbacks, disk
 * and REST results are posted onto it. The socket, REST and disk are reached only through
 * {@link Transport}, {@link BackendApi} and {@link OfflineQueue}, so tests drive it with fakes and a
 * fake clock, or with the real server.
 *
 * <p>This class is the public face; the work is done by its parts, all on the one scheduler thread:
 * {@link ConnectionMachine} (states and every transition decision), {@link SocketLink} (the socket, heartbeat,
 * inbound frames), {@link TokenKeeper} (tokens and refresh), {@link Poller} (REST polling in BACKUP),
 * {@link EventSync} (events in order, resume, refetch), {@link Broadcasts} (frames without seq) and {@link ScanOutbox} (the scans' queue and sending).
 *
 * <p>Policies (docs/PROTOCOL.md, "Client policy"): full-jitter backoff; RESTART within a random 0-5 s;
 * OVERLOADED waits Retry-After or 30 s; TOKEN_EXPIRED refreshes once and reconnects at once;
 * AUTH_INVALID/FORBIDDEN stop in AUTH_REQUIRED; after 3 failed attempts or 15 s without the socket it polls:
 * BACKUP once a poll answered in this outage ({@link RestHealth}), OFFLINE while polls fail.
 */
public final class ConnectionService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);
    /** After RATE_LIMITED or a retryable error, the command is sent again after this (one at a time). */
    public static final Duration RETRYABLE_RESEND = Duration.ofSeconds(1);
    /** Heartbeat intervals without any inbound frame before the socket counts as dead. */
    public static final int SILENT_INTERVALS = 2;
    /** Tokens are refreshed this fraction of their remaining life early, within these bounds. */
    public static final int REFRESH_EARLY_DIVISOR = 5;
    public static final Duration REFRESH_EARLY_MIN = Duration.ofSeconds(1);
    public static final Duration REFRESH_EARLY_MAX = Duration.ofSeconds(60);

    private final ServiceContext c;
    private final List<AutoCloseable> owned = new CopyOnWriteArrayList<>();
    private Queries queries;

    /** The real parts: Java-WebSocket, java.net.http, an SQLite queue, one thread each for logic, disk and REST. */
    public static ConnectionService create(ClientConfig config) throws SQLException {
        return create(config, ServerTrust.system());
    }

    /** As {@link #create(ClientConfig)}, trusting an https server by {@code trust} (a pinned certificate or the system's). */
    public static ConnectionService create(ClientConfig config, ServerTrust trust) throws SQLException {
        ExecutorScheduler scheduler = new ExecutorScheduler("avgym-connection", java.time.Clock.systemUTC());
        ExecutorService disk = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("avgym-queue").daemon().factory());
        ExecutorService net = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("avgym-rest").daemon().factory());
        OfflineQueue queue = new OfflineQueue(config.queueFile());
        RosterStore roster = new RosterStore(config.queueFile());
        HttpBackendApi http = new HttpBackendApi(config.server(), config.connectTimeout(), trust);
        ConnectionService service = new ConnectionService(config, scheduler,
                new JavaWebSocketTransport((int) config.connectTimeout().toMillis(), trust), http, queue, roster, disk,
                net, new Backoff(config.backoffBase(), config.backoffCap(), ThreadLocalRandom.current()::nextDouble));
        ExecutorService reads = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("avgym-reads-", 0).daemon().factory());
        service.queries = new Queries(http, service.c.tokens.forQueries(), reads);
        service.owned.add(reads::shutdownNow);
        service.owned.add(net::shutdownNow);
        service.owned.add(() -> {
            disk.shutdown();
            disk.awaitTermination(5, TimeUnit.SECONDS);
            queue.close();
            roster.close();
        });
        service.owned.add(scheduler);
        return service;
    }

    /** Without a roster: scans that cannot reach the server are queued without an offline verdict. */
    public ConnectionService(ClientConfig config, Scheduler scheduler, Transport transport, BackendApi api,
                             OfflineQueue queue, Executor disk, Executor net, Backoff backoff) {
        this(config, scheduler, transport, api, queue, null, disk, net, backoff);
    }

    /**
     * {@code roster} (null: none) is kept in step through {@code api}'s read side and decides the check-ins that are
     * queued instead of answered (see {@link OfflineRoster}).
     */
    public ConnectionService(ClientConfig config, Scheduler scheduler, Transport transport, BackendApi api,
                             OfflineQueue queue, RosterStore roster, Executor disk, Executor net, Backoff backoff) {
        c = new ServiceContext(config, scheduler, api, disk, net);
        // Every part is wired before anything runs: the queue's restore below may run at once.
        c.tokens = new TokenKeeper(c);
        c.events = new EventSync(c);
        c.broadcasts = new Broadcasts(c);
        c.outbox = new ScanOutbox(c, queue);
        c.poller = new Poller(c);
        c.socket = new SocketLink(c, transport);
        c.machine = new ConnectionMachine(c, backoff);
        if (roster != null && api instanceof ReadApi reads) {
            c.roster = new OfflineRoster(config, scheduler, c.timers, roster, queue, reads, disk, net,
                    () -> c.sessionEnded ? null : c.tokens.access(), state -> { });
            c.broadcasts.onRosterChanged(c.roster::memberUpdated);
        }
        this.queries = api instanceof ReadApi reads ? new Queries(reads, c.tokens.forQueries(), net) : null;
        c.outbox.restore();
    }

    // --- public API: every call hops onto the scheduler thread -----------------------------------

    public void addListener(ClientListener listener) {
        c.listeners.add(listener);
        ConnectionSnapshot s = c.machine.snapshot();
        c.scheduler.execute(() -> listener.onSnapshot(s));
    }

    /** For views that come and go (a reloaded view must not keep its old listener). */
    public void removeListener(ClientListener listener) {
        c.listeners.remove(listener);
    }

    /** The desk's lookups, with this service's tokens; null when the backend given has no read side. */
    public Queries queries() {
        return queries;
    }

    /** The local member roster (the desk's finder while offline); null without one. Blocking: not on the UI thread. */
    public RosterStore roster() {
        return c.roster == null ? null : c.roster.store();
    }

    public ConnectionSnapshot snapshot() {
        return c.machine.snapshot();
    }

    public ClientCounters counters() {
        return c.machine.counters();
    }

    /** Signs in by REST, then connects. The future fails with {@link ApiException} on wrong credentials. */
    public CompletableFuture<TokenPair> signIn(String username, char[] password) {
        CompletableFuture<TokenPair> result = new CompletableFuture<>();
        c.net.execute(() -> {
            try {
                TokenPair pair = c.api.login(username, password);
                c.session.save(pair.refresh());
                c.scheduler.execute(() -> {
                    c.machine.start(pair.access(), pair.refresh());
                    result.complete(pair);
                });
            } catch (IOException | ApiException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Connects with tokens obtained elsewhere. */
    public void start(String access, String refresh) {
        c.net.execute(() -> c.session.save(refresh));
        c.scheduler.execute(() -> c.machine.start(access, refresh));
    }

    /**
     * For an unattended device ({@link ClientConfig#sessionFile}): starts from the refresh token an earlier run
     * saved, refreshing by REST first, then connecting. Completes true when a saved session was found (the
     * snapshot then shows the way: LIVE, or AUTH_REQUIRED when the server refuses the token, or BACKUP/OFFLINE
     * while it cannot be reached), false when there is none and a person must sign in. Never fails.
     */
    public CompletableFuture<Boolean> resumeSavedSession() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        c.net.execute(() -> {
            Optional<String> saved = c.session.read();
            if (saved.isEmpty()) {
                result.complete(false);
                return;
            }
            c.scheduler.execute(() -> {
                c.machine.resume(saved.get());
                result.complete(true);
            });
        });
        return result;
    }

    /** Skips the wait before the next socket attempt. */
    public void retryNow() {
        c.scheduler.execute(c.machine::retryNow);
    }

    public CompletableFuture<ScanOutcome> checkIn(String membershipNumber, String location, String notes) {
        return checkIn(membershipNumber, location, notes, null);
    }

    /** A check-in that lets in an expired or inactive member when {@code override} is set (its reason required). */
    public CompletableFuture<ScanOutcome> checkIn(String membershipNumber, String location, String notes,
                                                  OverrideRequest override) {
        return c.outbox.submit(new CheckInCommand(UUID.randomUUID().toString(), membershipNumber, null, location, notes,
                c.now(), override), null);
    }

    public CompletableFuture<ScanOutcome> checkOut(String checkInId, String membershipNumber) {
        return c.outbox.submit(null, new CheckOutCommand(UUID.randomUUID().toString(), checkInId, membershipNumber, c.now()));
    }

    /** Scans waiting for the server, oldest first (the banner's list). */
    public CompletableFuture<List<QueuedCommand>> pendingScans() {
        return c.outbox.pending();
    }

    /**
     * Signs out: revokes the session on the server, closes the socket and deletes the saved device session. Queued
     * scans stay on disk.
     */
    public void signOut() {
        c.scheduler.execute(() -> {
            String access = c.tokens.access();
            String refresh = c.tokens.refreshToken();
            c.machine.stopAll(ConnectionState.CLOSED, null);
            // On the REST thread, after any refresh still on it, so a rotation cannot write the file back.
            c.net.execute(() -> {
                c.session.forget();
                if (access == null) {
                    return;
                }
                try {
                    c.api.logout(access, refresh);
                } catch (IOException | ApiException e) {
                    log.info("sign-out could not reach the server: {}", e.getMessage());
                }
            });
        });
    }

    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        c.scheduler.execute(() -> {
            c.machine.stopAll(ConnectionState.CLOSED, null);
            done.complete(null);
        });
        done.orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
        for (AutoCloseable a : owned) {
            try {
                a.close();
            } catch (Exception e) {
                log.warn("closing {} failed", a, e);
            }
        }
    }
}
