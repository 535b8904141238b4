package com.avgym.client;

import com.auth0.jwt.JWT;
import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Frame;
import com.avgym.protocol.FrameCodec;
import com.avgym.protocol.Json;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.ProtocolException;
import com.avgym.protocol.message.AuthRefresh;
import com.avgym.protocol.message.AuthRefreshed;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CheckOutCommand;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ErrorPayload;
import com.avgym.protocol.message.Event;
import com.avgym.protocol.message.EventPage;
import com.avgym.protocol.message.Hello;
import com.avgym.protocol.message.MemberUpdated;
import com.avgym.protocol.message.OverrideRequest;
import com.avgym.protocol.message.Page;
import com.avgym.protocol.message.Resume;
import com.avgym.protocol.message.ResyncRequired;
import com.avgym.protocol.message.Stats;
import com.avgym.protocol.message.TokenPair;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
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
 * <p>Policies (docs/PROTOCOL.md, "Client policy"): full-jitter backoff; RESTART within a random 0-5 s;
 * OVERLOADED waits Retry-After or 30 s; TOKEN_EXPIRED refreshes once and reconnects at once;
 * AUTH_INVALID/FORBIDDEN stop in AUTH_REQUIRED; after 3 failed attempts or 15 s without the socket it polls:
 * BACKUP once a poll answered in this outage ({@link RestHealth}), OFFLINE while polls fail.
 */
public final class ConnectionService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);
    private static final int POLL_LIMIT = 500;
    /** After RATE_LIMITED or a retryable error, the command is sent again after this (one at a time). */
    public static final Duration RETRYABLE_RESEND = Duration.ofSeconds(1);
    /** Heartbeat intervals without any inbound frame before the socket counts as dead. */
    public static final int SILENT_INTERVALS = 2;
    /** Tokens are refreshed this fraction of their remaining life early, within these bounds. */
    public static final int REFRESH_EARLY_DIVISOR = 5;
    public static final Duration REFRESH_EARLY_MIN = Duration.ofSeconds(1);
    public static final Duration REFRESH_EARLY_MAX = Duration.ofSeconds(60);

    private final ClientConfig config;
    private final Scheduler scheduler;
    private final Transport transport;
    private final BackendApi api;
    private final OfflineQueue queue;
    private final Executor disk;
    private final Executor net;
    private final Backoff backoff;
    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();

    // --- state: touched only on the scheduler thread ---------------------------------------------
    private ConnectionState state = ConnectionState.CLOSED;
    private ConnectionError lastError;
    private int attempt;
    private Instant nextRetryAt;
    private Instant connectedSince;
    private Instant socketLostAt;
    private long lastSeq = -1;
    private boolean resumePending;
    private final RestHealth rest = new RestHealth();
    /** Set when the session ends (AUTH_REQUIRED, CLOSED): REST calls still queued on the REST thread stay home. */
    private volatile boolean sessionEnded;
    private boolean refreshedForThisFailure;
    private boolean refreshInFlight;
    private boolean polling;
    private boolean refetchInFlight;
    private final List<Event> heldDuringRefetch = new ArrayList<>();

    private String accessToken;
    private String refreshToken;
    private Instant accessExpiresAt;

    private int socketGeneration;
    private Transport.Socket socket;
    private boolean socketGreeted;
    private Duration heartbeatInterval = Duration.ofSeconds(10);
    private Instant lastInbound;

    private Scheduler.Cancellable retryTimer;
    private Scheduler.Cancellable handshakeTimer;
    private Scheduler.Cancellable heartbeatTimer;
    private Scheduler.Cancellable livenessTimer;
    private Scheduler.Cancellable refreshTimer;
    private Scheduler.Cancellable pollTimer;
    private Scheduler.Cancellable backupTimer;

    private final ScanBook scans = new ScanBook();
    private final Timers timers;

    private final EnumMap<ErrorClass, Long> failuresByClass = new EnumMap<>(ErrorClass.class);
    private final EnumMap<ConnectionState, Duration> timeInState = new EnumMap<>(ConnectionState.class);
    private Instant stateSince;
    private volatile ConnectionSnapshot snapshot;
    private volatile ClientCounters counters;
    private final List<AutoCloseable> owned = new CopyOnWriteArrayList<>();
    /** Calls waiting for a refreshed access token (the desk's lookups after a 401). */
    private final TokenWaiters tokenWaiters = new TokenWaiters();
    private Queries queries;
    /** The local roster and offline verdicts; null when the service was built without a roster store. */
    private OfflineRoster roster;

    /** The real parts: Java-WebSocket, java.net.http, an SQLite queue, one thread each for logic, disk and REST. */
    public static ConnectionService create(ClientConfig config) throws SQLException {
        return create(config, ServerTrust.system());
    }

    /** As {@link #create(ClientConfig)}, trusting an https server by {@code trust} (a pinned certificate or the system's). */
    public static ConnectionService create(ClientConfig config, ServerTrust trust) throws SQLException {
        ExecutorScheduler scheduler = new ExecutorScheduler("avgym-connection", java.time.Clock.systemUTC());
        java.util.concurrent.ExecutorService disk = java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("avgym-queue").daemon().factory());
        java.util.concurrent.ExecutorService net = java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("avgym-rest").daemon().factory());
        OfflineQueue queue = new OfflineQueue(config.queueFile());
        RosterStore rosterStore = new RosterStore(config.queueFile());
        HttpBackendApi http = new HttpBackendApi(config.server(), config.connectTimeout(), trust);
        ConnectionService service = new ConnectionService(config, scheduler,
                new JavaWebSocketTransport((int) config.connectTimeout().toMillis(), trust), http, queue, rosterStore,
                disk, net, new Backoff(config.backoffBase(), config.backoffCap(),
                        java.util.concurrent.ThreadLocalRandom.current()::nextDouble));
        java.util.concurrent.ExecutorService reads = java.util.concurrent.Executors.newFixedThreadPool(2,
                Thread.ofPlatform().name("avgym-reads-", 0).daemon().factory());
        service.queries = new Queries(http, service.tokens(), reads);
        service.owned.add(reads::shutdownNow);
        service.owned.add(net::shutdownNow);
        service.owned.add(() -> {
            disk.shutdown();
            disk.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            queue.close();
            rosterStore.close();
        });
        service.owned.add(scheduler);
        return service;
    }

    /** Without a roster: scans that cannot reach the server are queued without an offline verdict. */
    public ConnectionService(ClientConfig config, Scheduler scheduler, Transport transport, BackendApi api,
                             OfflineQueue queue, Executor disk, Executor net, Backoff backoff) {
        this(config, scheduler, transport, api, queue, null, disk, net, backoff);
    }

    /** {@code rosterStore} (may be null) is kept in step through {@code api}'s read side and decides queued scans. */
    public ConnectionService(ClientConfig config, Scheduler scheduler, Transport transport, BackendApi api,
                             OfflineQueue queue, RosterStore rosterStore, Executor disk, Executor net, Backoff backoff) {
        this.config = config;
        this.scheduler = scheduler;
        this.transport = transport;
        this.api = api;
        this.queue = queue;
        this.disk = disk;
        this.net = net;
        this.backoff = backoff;
        this.timers = new Timers(scheduler);
        this.stateSince = scheduler.now();
        this.snapshot = new ConnectionSnapshot(state, null, null, 0, 0, -1, null);
        this.counters = new ClientCounters(Map.of(), Map.of(), state, stateSince, 0);
        this.queries = api instanceof ReadApi reads ? new Queries(reads, tokens(), net) : null;
        if (rosterStore != null && api instanceof ReadApi reads) {
            this.roster = new OfflineRoster(config, scheduler, timers, rosterStore, queue, reads, disk, net,
                    () -> sessionEnded ? null : accessToken, s -> publish());
        }
        disk.execute(() -> {
            try {
                List<QueuedCommand> stored = queue.all();
                scheduler.execute(() -> {
                    scans.restored(stored);
                    if (!stored.isEmpty()) {
                        log.info("{} scans waiting in the offline queue from an earlier run", stored.size());
                    }
                    publish();
                    pump();
                });
            } catch (SQLException e) {
                log.error("cannot read the offline queue", e);
            }
        });
    }

    // --- public API: every call hops onto the scheduler thread -----------------------------------

    public void addListener(ClientListener listener) {
        listeners.add(listener);
        ConnectionSnapshot s = snapshot;
        scheduler.execute(() -> listener.onSnapshot(s));
    }

    /** For views that come and go (a reloaded view must not keep its old listener). */
    public void removeListener(ClientListener listener) {
        listeners.remove(listener);
    }

    /** The desk's lookups, with this service's tokens; null when the backend given has no read side. */
    public Queries queries() {
        return queries;
    }

    /** The local member roster (the desk's finder while offline); null without one. Blocking reads: not on the UI thread. */
    public RosterStore roster() {
        return roster == null ? null : roster.store();
    }

    public ConnectionSnapshot snapshot() {
        return snapshot;
    }

    public ClientCounters counters() {
        return counters;
    }

    /** Signs in by REST, then connects. The future fails with {@link ApiException} on wrong credentials. */
    public CompletableFuture<TokenPair> signIn(String username, char[] password) {
        CompletableFuture<TokenPair> result = new CompletableFuture<>();
        net.execute(() -> {
            try {
                TokenPair pair = api.login(username, password);
                scheduler.execute(() -> {
                    start(pair.access(), pair.refresh());
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
        scheduler.execute(() -> {
            setTokens(access, refresh);
            sessionEnded = false;
            refreshedForThisFailure = false;
            attempt = 0;
            socketLostAt = null;
            transition(ConnectionState.CONNECTING, null);
            connectSocket();
        });
    }

    /** Skips the wait before the next socket attempt. */
    public void retryNow() {
        scheduler.execute(() -> {
            if (state == ConnectionState.RECONNECTING || state == ConnectionState.BACKUP || state == ConnectionState.OFFLINE) {
                Timers.cancel(retryTimer);
                connectSocket();
            }
        });
    }

    public CompletableFuture<ScanOutcome> checkIn(String membershipNumber, String location, String notes) {
        return checkIn(membershipNumber, location, notes, null);
    }

    /** A check-in that lets in an expired or inactive member when {@code override} is set (its reason required). */
    public CompletableFuture<ScanOutcome> checkIn(String membershipNumber, String location, String notes,
                                                  OverrideRequest override) {
        return submit(new CheckInCommand(UUID.randomUUID().toString(), membershipNumber, null, location, notes,
                scheduler.now(), override), null);
    }

    public CompletableFuture<ScanOutcome> checkOut(String checkInId, String membershipNumber) {
        return submit(null, new CheckOutCommand(UUID.randomUUID().toString(), checkInId, membershipNumber, scheduler.now()));
    }

    /** Scans waiting for the server, oldest first (the banner's list). */
    public CompletableFuture<List<QueuedCommand>> pendingScans() {
        CompletableFuture<List<QueuedCommand>> f = new CompletableFuture<>();
        // Through the disk thread first, so the queue loaded at construction is in memory before we answer.
        disk.execute(() -> scheduler.execute(() -> f.complete(scans.all())));
        return f;
    }

    /** Signs out: revokes the session on the server and closes the socket. Queued scans stay on disk. */
    public void signOut() {
        scheduler.execute(() -> {
            String access = accessToken;
            String refresh = refreshToken;
            stopAll(ConnectionState.CLOSED, null);
            if (access != null) {
                net.execute(() -> {
                    try {
                        api.logout(access, refresh);
                    } catch (IOException | ApiException e) {
                        log.info("sign-out could not reach the server: {}", e.getMessage());
                    }
                });
            }
        });
    }

    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            stopAll(ConnectionState.CLOSED, null);
            done.complete(null);
        });
        done.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed", c, e);
            }
        }
    }

    // --- socket lifecycle -------------------------------------------------------------------------

    private void connectSocket() {
        if (state == ConnectionState.CLOSED || state == ConnectionState.AUTH_REQUIRED || accessToken == null) {
            return;
        }
        dropSocket();
        nextRetryAt = null;
        int generation = ++socketGeneration;
        socketGreeted = false;
        Transport.Listener listener = new Transport.Listener() {
            @Override
            public void onOpen() {
                // hello decides LIVE; nothing to do before it
            }

            @Override
            public void onText(String text) {
                scheduler.execute(() -> {
                    if (generation == socketGeneration) {
                        onFrame(text);
                    }
                });
            }

            @Override
            public void onClosed(int code, String reason) {
                scheduler.execute(() -> {
                    if (generation == socketGeneration) {
                        onSocketClosed(FailureClassifier.ofClose(code, reason));
                    }
                });
            }
        };
        socket = transport.connect(config.socketUri(), accessToken, listener);
        // An upgrade nobody answers (a paused server) would wait forever without this.
        handshakeTimer = timers.schedule(() -> {
            if (generation == socketGeneration && !socketGreeted) {
                socket.abort();
                onSocketClosed(FailureClassifier.network("no answer from the server within "
                        + config.connectTimeout().toMillis() + " ms"));
            }
        }, config.connectTimeout());
        publish();
    }

    /** Forgets the current socket: later callbacks from it are ignored. */
    private void dropSocket() {
        socketGeneration++;
        Timers.cancel(handshakeTimer);
        Timers.cancel(heartbeatTimer);
        Timers.cancel(livenessTimer);
        if (socket != null) {
            socket.abort();
            socket = null;
        }
        socketGreeted = false;
        resumePending = false;
        scans.socketDropped();
    }

    private void onSocketClosed(ConnectionError error) {
        ConnectionError e = error.at(scheduler.now());
        if (e.type() == ErrorClass.OVERLOADED && Integer.valueOf(503).equals(e.httpStatus()) && lastError != null
                && lastError.type() == ErrorClass.RESTART && socketLostAt != null) {
            // A server that said "restarting" and now answers 503 is still draining: keep the short restart wait.
            e = new ConnectionError(ErrorClass.RESTART, "server still restarting (HTTP 503)", null, 503, e.at(), null);
        }
        boolean wasLive = state == ConnectionState.LIVE;
        dropSocket();
        if (state == ConnectionState.CLOSED || state == ConnectionState.AUTH_REQUIRED) {
            return;
        }
        failuresByClass.merge(e.type(), 1L, Long::sum);
        lastError = e;
        if (wasLive || socketLostAt == null) {
            socketLostAt = scheduler.now();
            connectedSince = null;
            rest.socketLost();
        }
        log.info("socket failed: {} ({}{})", e.type(), e.message(),
                e.closeCode() != null ? ", close " + e.closeCode() : e.httpStatus() != null ? ", HTTP " + e.httpStatus() : "");
        switch (e.type()) {
            case TOKEN_EXPIRED -> {
                if (refreshedForThisFailure) {
                    authRequired(FailureClassifier.refreshRefused(401, "TOKEN_REJECTED").at(scheduler.now()));
                } else {
                    refreshedForThisFailure = true;
                    scheduleRetry(Duration.ZERO, false);
                    Timers.cancel(retryTimer);
                    refreshTokens(this::connectSocket);
                }
            }
            case AUTH_INVALID, FORBIDDEN -> authRequired(e);
            case RESTART -> scheduleRetry(backoff.uniform(config.restartSpread()), true);
            case OVERLOADED -> scheduleRetry(e.retryAfter() != null ? e.retryAfter() : FailureClassifier.OVERLOAD_WAIT, true);
            default -> scheduleRetry(backoff.delay(attempt), true);
        }
    }

    private void scheduleRetry(Duration delay, boolean countAttempt) {
        if (countAttempt) {
            attempt++;
        }
        nextRetryAt = scheduler.now().plus(delay);
        Timers.cancel(retryTimer);
        retryTimer = timers.schedule(this::connectSocket, delay);
        Timers.cancel(backupTimer);
        Duration untilBackup = Duration.between(scheduler.now(), socketLostAt.plus(config.backupAfter()));
        if (!untilBackup.isNegative() && !untilBackup.isZero()) {
            backupTimer = timers.schedule(this::updateDownState, untilBackup);
        }
        updateDownState();
    }

    /** RECONNECTING at first; BACKUP (polling) after 3 attempts or 15 s; OFFLINE while REST fails too. */
    private void updateDownState() {
        if (socketGreeted || state == ConnectionState.CLOSED || state == ConnectionState.AUTH_REQUIRED
                || socketLostAt == null) {
            return;
        }
        boolean longDown = attempt >= config.backupAfterAttempts()
                || !scheduler.now().isBefore(socketLostAt.plus(config.backupAfter()));
        transition(longDown ? rest.downState() : ConnectionState.RECONNECTING, lastError);
        if (longDown && !polling) {
            polling = true;
            poll();
        }
    }

    /** The socket is back or the service stops: no scheduled attempt, no BACKUP timer, no polling. */
    private void stopRetryingAndPolling() {
        Timers.cancel(retryTimer);
        Timers.cancel(backupTimer);
        Timers.cancel(pollTimer);
        polling = false;
        nextRetryAt = null;
    }

    private void authRequired(ConnectionError e) {
        lastError = e;
        log.warn("sign-in required: {}", e.message());
        stopAll(ConnectionState.AUTH_REQUIRED, e);
    }

    private void stopAll(ConnectionState target, ConnectionError e) {
        sessionEnded = true;
        dropSocket();
        timers.cancelAll();
        stopRetryingAndPolling();
        connectedSince = null;
        transition(target, e == null ? lastError : e);
        if (target == ConnectionState.CLOSED) {
            accessToken = null;
            refreshToken = null;
        }
        if (roster != null) {
            roster.sessionEnded();
        }
        // Scans waiting for an answer are safe on disk; tell their callers so (with the roster's verdict when the
        // session ended rather than the app: a kiosk whose sign-in lapsed still decides). Lookups waiting for a
        // token get none.
        if (target == ConnectionState.CLOSED) {
            scans.answerAllQueued();
        } else {
            scans.waitingIds().forEach(this::answerQueued);
        }
        tokenWaiters.release(null, notSignedIn());
    }

    // --- inbound frames ---------------------------------------------------------------------------

    private void onFrame(String text) {
        lastInbound = scheduler.now();
        Frame frame;
        try {
            frame = FrameCodec.decode(text);
        } catch (ProtocolException e) {
            log.warn("unreadable frame from the server ({})", e.code());
            return;
        }
        MessageType type = MessageType.fromWireName(frame.type()).orElse(null);
        log.debug("frame {} id {} seq {}", frame.type(), frame.id(), frame.seq());
        if (type == null) {
            log.warn("unknown frame type from the server; ignored (newer server?)");
            return;
        }
        switch (type) {
            case HELLO -> onHello(frame.payloadAs(Hello.class));
            case INITIAL_STATS -> onInitialStats(frame);
            case MEMBER_CHECKED_IN, MEMBER_CHECKED_OUT, STATS_UPDATE ->
                    onEvent(new Event(frame.seq() == null ? -1 : frame.seq(), frame.type(), frame.ts(), frame.payload()), true);
            case MEMBER_UPDATED -> {
                if (roster != null) {
                    roster.memberUpdated(frame.payloadAs(MemberUpdated.class).version());
                }
            }
            case RESUMED -> resumePending = false;
            case RESYNC_REQUIRED -> {
                resumePending = false;
                ResyncRequired r = frame.payloadAs(ResyncRequired.class);
                lastSeq = r.currentSeq();
                refetch();
            }
            case AUTH_REFRESHED -> {
                accessExpiresAt = frame.payloadAs(AuthRefreshed.class).accessExpiresAt();
                scheduleProactiveRefresh();
            }
            case CHECK_IN_SUCCESS, CHECK_OUT_SUCCESS -> {
                CommandResult r = frame.payloadAs(CommandResult.class);
                answered(frame.id(), new ScanOutcome.Confirmed(frame.id(), r));
            }
            case CHECK_IN_ERROR, CHECK_OUT_ERROR, ERROR -> onErrorFrame(frame);
            default -> { } // heartbeat_ack: its arrival is the point
        }
        publish();
    }

    private void onHello(Hello hello) {
        Timers.cancel(handshakeTimer);
        socketGreeted = true;
        heartbeatInterval = Duration.ofMillis(Math.max(100, hello.heartbeatIntervalMs()));
        if (hello.accessExpiresAt() != null) {
            accessExpiresAt = hello.accessExpiresAt();
        }
        attempt = 0;
        socketLostAt = null;
        refreshedForThisFailure = false;
        connectedSince = scheduler.now();
        stopRetryingAndPolling();
        scans.socketOpened(config.sendWindow());
        transition(ConnectionState.LIVE, lastError);
        armHeartbeat();
        scheduleProactiveRefresh();
        if (lastSeq >= 0) {
            resumePending = true;
            send(Frame.of(MessageType.RESUME, UUID.randomUUID().toString(), null, scheduler.now(), new Resume(lastSeq)));
        }
        pump();
    }

    private void onInitialStats(Frame frame) {
        Stats stats = frame.payloadAs(Stats.class);
        listeners.forEach(l -> l.onStats(stats));
        if (lastSeq < 0) {
            // First connection: the recent list comes by REST, consistent with this seq.
            lastSeq = frame.seq() == null ? 0 : frame.seq();
            refetch();
        }
    }

    /** Applies one event from the socket or from polling, exactly once and in order. */
    private void onEvent(Event e, boolean fromSocket) {
        if (e.seq() <= lastSeq) {
            return;
        }
        if (lastSeq >= 0 && e.seq() > lastSeq + 1) {
            if (fromSocket && resumePending) {
                return; // the resume replay will bring it, after the ones before it
            }
            log.info("event gap ({} after {}); refetching", e.seq(), lastSeq);
            lastSeq = e.seq();
            refetch();
            return;
        }
        lastSeq = e.seq();
        if (refetchInFlight) {
            heldDuringRefetch.add(e);
        }
        deliver(e);
    }

    private void deliver(Event e) {
        MessageType type = MessageType.fromWireName(e.type()).orElseThrow();
        switch (type) {
            case STATS_UPDATE -> {
                Stats s = Json.convert(e.payload(), Stats.class);
                listeners.forEach(l -> l.onStats(s));
            }
            case MEMBER_CHECKED_IN, MEMBER_CHECKED_OUT -> {
                CheckInView v = Json.convert(e.payload(), CheckInView.class);
                listeners.forEach(l -> l.onVisit(v, type == MessageType.MEMBER_CHECKED_IN));
            }
            default -> { }
        }
    }

    private void onErrorFrame(Frame frame) {
        ErrorPayload error = frame.payloadAs(ErrorPayload.class);
        String id = frame.id();
        if (id == null || !scans.has(id)) {
            log.warn("server reported {} for a frame of ours", error.code());
            return;
        }
        boolean retryLater = error.retryable() || ErrorCode.RATE_LIMITED.name().equals(error.code());
        if (retryLater) {
            scans.sendAgainLater(id, ErrorCode.RATE_LIMITED.name().equals(error.code()), scheduler.now(), RETRYABLE_RESEND);
            timers.schedule(this::pump, RETRYABLE_RESEND);
            return;
        }
        answered(id, new ScanOutcome.Rejected(id, error));
    }

    // --- heartbeat and tokens ---------------------------------------------------------------------

    private void armHeartbeat() {
        Timers.cancel(heartbeatTimer);
        heartbeatTimer = timers.schedule(() -> {
            if (state == ConnectionState.LIVE) {
                send(Frame.of(MessageType.HEARTBEAT, UUID.randomUUID().toString(), null, scheduler.now(), null));
                armHeartbeat();
            }
        }, heartbeatInterval);
        armLiveness(lastInbound.plus(heartbeatInterval.multipliedBy(SILENT_INTERVALS)));
    }

    /** Fires at the liveness deadline; re-arms itself when frames arrived meanwhile. */
    private void armLiveness(Instant deadline) {
        Timers.cancel(livenessTimer);
        int generation = socketGeneration;
        livenessTimer = timers.schedule(() -> {
            if (generation != socketGeneration || state != ConnectionState.LIVE) {
                return;
            }
            Instant due = lastInbound.plus(heartbeatInterval.multipliedBy(SILENT_INTERVALS));
            if (scheduler.now().isBefore(due)) {
                armLiveness(due);
            } else {
                onSocketClosed(FailureClassifier.heartbeat(Duration.between(lastInbound, scheduler.now())));
            }
        }, Duration.between(scheduler.now(), deadline));
    }

    private void setTokens(String access, String refresh) {
        accessToken = access;
        refreshToken = refresh;
        try {
            accessExpiresAt = JWT.decode(access).getExpiresAtAsInstant();
        } catch (RuntimeException e) {
            accessExpiresAt = null;
        }
    }

    /** Refreshes a little before expiry (a fifth of the remaining life, 1 s to 60 s early). */
    private void scheduleProactiveRefresh() {
        Timers.cancel(refreshTimer);
        if (accessExpiresAt == null) {
            return;
        }
        Duration left = Duration.between(scheduler.now(), accessExpiresAt);
        Duration early = left.dividedBy(REFRESH_EARLY_DIVISOR);
        early = early.compareTo(REFRESH_EARLY_MAX) > 0 ? REFRESH_EARLY_MAX
                : early.compareTo(REFRESH_EARLY_MIN) < 0 ? REFRESH_EARLY_MIN : early;
        Duration wait = left.minus(early);
        refreshTimer = timers.schedule(() -> refreshTokens(() -> { }), wait.isNegative() ? Duration.ZERO : wait);
    }

    private Queries.Tokens tokens() {
        return new Queries.Tokens() {
            @Override
            public CompletableFuture<String> current() {
                CompletableFuture<String> f = new CompletableFuture<>();
                scheduler.execute(() -> {
                    // After AUTH_REQUIRED the token is dead: no lookup may take it to the server.
                    if (accessToken == null || state == ConnectionState.AUTH_REQUIRED) {
                        f.completeExceptionally(notSignedIn());
                    } else {
                        f.complete(accessToken);
                    }
                });
                return f;
            }

            @Override
            public CompletableFuture<String> newerThan(String stale) {
                CompletableFuture<String> f = new CompletableFuture<>();
                scheduler.execute(() -> {
                    if (accessToken != null && !accessToken.equals(stale)) {
                        f.complete(accessToken);
                    } else if (refreshToken == null || state == ConnectionState.AUTH_REQUIRED || state == ConnectionState.CLOSED) {
                        f.completeExceptionally(notSignedIn());
                    } else {
                        tokenWaiters.add(f);
                        refreshTokens(() -> { });
                    }
                });
                return f;
            }
        };
    }

    private static ApiException notSignedIn() {
        return new ApiException(401, "TOKEN_MISSING", "Session expired: sign in again", null, null);
    }

    /** REST refresh; then auth_refresh on a live socket so it outlives the old token. */
    private void refreshTokens(Runnable then) {
        if (refreshInFlight || refreshToken == null) {
            return;
        }
        refreshInFlight = true;
        String token = refreshToken;
        net.execute(() -> {
            try {
                stayHomeIfEnded();
                TokenPair pair = api.refresh(token);
                scheduler.execute(() -> {
                    refreshInFlight = false;
                    if (state == ConnectionState.CLOSED || state == ConnectionState.AUTH_REQUIRED) {
                        tokenWaiters.release(null, notSignedIn());
                        return;
                    }
                    setTokens(pair.access(), pair.refresh());
                    tokenWaiters.release(pair.access(), null);
                    log.info("access token refreshed");
                    if (state == ConnectionState.LIVE) {
                        send(Frame.of(MessageType.AUTH_REFRESH, UUID.randomUUID().toString(), null, scheduler.now(),
                                new AuthRefresh(pair.access())));
                    }
                    scheduleProactiveRefresh();
                    then.run();
                });
            } catch (ApiException e) {
                scheduler.execute(() -> {
                    refreshInFlight = false;
                    tokenWaiters.release(null, e);
                    if (e.status() == 401 || e.status() == 403) {
                        authRequired(FailureClassifier.refreshRefused(e.status(), e.code()).at(scheduler.now()));
                    } else {
                        refreshFailedTransiently(FailureClassifier.ofHttp(e.status(), e.code(), e.getMessage(), e.retryAfter()));
                    }
                });
            } catch (IOException e) {
                scheduler.execute(() -> {
                    refreshInFlight = false;
                    tokenWaiters.release(null, e);
                    refreshFailedTransiently(FailureClassifier.ofIo("token refresh failed", e));
                });
            }
        });
    }

    private void refreshFailedTransiently(ConnectionError e) {
        if (state == ConnectionState.CLOSED || state == ConnectionState.AUTH_REQUIRED) {
            return; // the session ended meanwhile: nothing to retry
        }
        lastError = e.at(scheduler.now());
        if (state == ConnectionState.LIVE) {
            // The socket still works; try again shortly, before the token runs out.
            Timers.cancel(refreshTimer);
            refreshTimer = timers.schedule(() -> refreshTokens(() -> { }), Duration.ofSeconds(5));
        } else {
            // Token expiry led here; the next attempt will refresh again.
            refreshedForThisFailure = false;
            scheduleRetry(backoff.delay(attempt), true);
        }
        publish();
    }

    // --- polling and refetch (BACKUP / OFFLINE) ---------------------------------------------------

    private void poll() {
        if (!polling) {
            return;
        }
        String token = accessToken;
        long after = lastSeq;
        net.execute(() -> {
            try {
                stayHomeIfEnded();
                Stats stats = api.stats(token);
                EventPage page = after >= 0 ? api.events(token, after, POLL_LIMIT) : null;
                scheduler.execute(() -> onPolled(stats, page));
            } catch (ApiException e) {
                scheduler.execute(() -> onPollFailed(e));
            } catch (IOException e) {
                scheduler.execute(() -> onPollFailed(e));
            }
        });
    }

    private void onPolled(Stats stats, EventPage page) {
        if (!polling) {
            return;
        }
        boolean back = rest.answered();
        if (page == null || page.resyncRequired()) {
            if (page != null) {
                lastSeq = page.lastSeq();
            }
            refetch();
        } else {
            page.events().forEach(e -> onEvent(e, false));
            listeners.forEach(l -> l.onStats(stats));
        }
        updateDownState();
        if (back) {
            retrySocketNow();
        }
        pump();
        pollTimer = timers.schedule(this::poll, config.pollInterval());
        publish();
    }

    /**
     * REST answers again while the socket waits for its backoff slot: the server is back, try the socket now. Not
     * when the server asked for a wait (OVERLOADED), while a refresh is out, or while an attempt is under way.
     */
    private void retrySocketNow() {
        boolean askedToWait = lastError != null && lastError.type() == ErrorClass.OVERLOADED;
        if (socket == null && nextRetryAt != null && !refreshInFlight && !askedToWait) {
            Timers.cancel(retryTimer);
            connectSocket();
        }
    }

    private void onPollFailed(Exception e) {
        if (!polling) {
            return;
        }
        if (e instanceof ApiException ae && ae.status() == 401) {
            refreshTokens(() -> { });
        } else {
            rest.failed();
            lastError = (e instanceof ApiException ae
                    ? FailureClassifier.ofHttp(ae.status(), ae.code(), ae.getMessage(), ae.retryAfter())
                    : FailureClassifier.ofIo("server not reachable by REST", (IOException) e)).at(scheduler.now());
        }
        updateDownState();
        pollTimer = timers.schedule(this::poll, config.pollInterval());
        publish();
    }

    /**
     * Replaces the desk's view with the server's: stats and the recent list, by REST. Events that arrive
     * while the answer is on its way are delivered again after it, so a slow answer cannot overwrite
     * newer data (listeners treat visits as upserts by id).
     */
    private void refetch() {
        String token = accessToken;
        if (token == null || refetchInFlight || state == ConnectionState.AUTH_REQUIRED || state == ConnectionState.CLOSED) {
            return;
        }
        refetchInFlight = true;
        net.execute(() -> {
            try {
                stayHomeIfEnded();
                Stats stats = api.stats(token);
                Page<CheckInView> recent = api.recent(token, config.recentSize());
                scheduler.execute(() -> {
                    listeners.forEach(l -> l.onResync(stats, recent.results()));
                    heldDuringRefetch.forEach(this::deliver);
                    heldDuringRefetch.clear();
                    refetchInFlight = false;
                });
            } catch (IOException | ApiException e) {
                log.info("refetch failed ({}); trying again shortly", e.getMessage());
                scheduler.execute(() -> {
                    heldDuringRefetch.clear();
                    refetchInFlight = false;
                    if (state != ConnectionState.CLOSED && state != ConnectionState.AUTH_REQUIRED) {
                        timers.schedule(this::refetch, config.pollInterval());
                    }
                });
            }
        });
    }

    // --- scans: durable queue, send window, answers -----------------------------------------------

    private CompletableFuture<ScanOutcome> submit(CheckInCommand in, CheckOutCommand out) {
        CompletableFuture<ScanOutcome> f = new CompletableFuture<>();
        try {
            // The server would refuse it too; say so now rather than queue it.
            if (in != null) {
                in.validate();
            } else {
                out.validate();
            }
        } catch (ProtocolException e) {
            String id = in != null ? in.clientRequestId() : out.clientRequestId();
            f.complete(new ScanOutcome.Rejected(id, ErrorPayload.of(e.code(), e.getMessage()).withRequest(id)));
            return f;
        }
        disk.execute(() -> {
            QueuedCommand q;
            try {
                q = queue.add(in, out);
            } catch (SQLException e) {
                log.error("cannot write the offline queue", e);
                f.completeExceptionally(e);
                return;
            }
            scheduler.execute(() -> accepted(q, f));
        });
        return f;
    }

    private void accepted(QueuedCommand q, CompletableFuture<ScanOutcome> f) {
        String id = q.clientRequestId();
        scans.accepted(q, f);
        // Connected: the caller waits for the server's answer, up to the command timeout; else "queued" at once.
        if (state == ConnectionState.LIVE || (state == ConnectionState.BACKUP && rest.works())) {
            timers.schedule(() -> answerQueued(id), config.commandTimeout());
        } else {
            answerQueued(id);
        }
        pump();
        publish();
    }

    /**
     * The caller of {@code id} hears "queued": first, if the roster decides it, the command in the queue is
     * rewritten with its offline verdict, so the server later learns what the door did.
     */
    private void answerQueued(String id) {
        QueuedCommand q = scans.pending(id);
        if (roster == null || q == null || !scans.waiting(id)) {
            scans.answerQueued(id);
            return;
        }
        roster.decideQueued(q, (decided, d) -> {
            if (decided == null) {
                scans.answerQueued(id);
                return;
            }
            scans.replace(decided);
            scans.answerQueued(id, d.verdict(), d.rosterAsOf());
        });
    }

    private void answered(String id, ScanOutcome outcome) {
        QueuedCommand q = scans.answered(id, outcome);
        if (q == null) {
            return;
        }
        disk.execute(() -> {
            try {
                queue.remove(id);
            } catch (SQLException e) {
                log.error("cannot remove an answered scan from the queue; the server will see a duplicate", e);
            }
        });
        listeners.forEach(l -> l.onScanResult(q, outcome));
        pump();
        publish();
    }

    /** Sends queued scans in order: over the socket when LIVE, else by REST in BACKUP. */
    private void pump() {
        if (state == ConnectionState.LIVE && socket != null) {
            Instant held = scans.heldUntil(scheduler.now());
            if (held != null) {
                timers.schedule(this::pump, Duration.between(scheduler.now(), held));
                return;
            }
            for (QueuedCommand q : scans.takeForSocket()) {
                send(q.isCheckIn()
                        ? Frame.of(MessageType.CHECK_IN, q.clientRequestId(), null, scheduler.now(), q.checkIn())
                        : Frame.of(MessageType.CHECK_OUT, q.clientRequestId(), null, scheduler.now(), q.checkOut()));
            }
        } else if (state == ConnectionState.BACKUP && rest.works()) {
            List<QueuedCommand> batch = scans.takeForRest();
            if (!batch.isEmpty()) {
                drainByRest(batch, accessToken);
            }
        }
    }

    private void drainByRest(List<QueuedCommand> batch, String token) {
        net.execute(() -> {
            for (QueuedCommand q : batch) {
                ScanOutcome outcome;
                try {
                    stayHomeIfEnded();
                    CommandResult r = q.isCheckIn() ? api.checkIn(token, q.checkIn()) : api.checkOut(token, q.checkOut());
                    outcome = new ScanOutcome.Confirmed(q.clientRequestId(), r);
                } catch (ApiException e) {
                    if (e.status() >= 500 || e.status() == 429 || e.status() == 401) {
                        break; // try again on the next poll; a 401 is handled by the poll's refresh
                    }
                    ErrorPayload error = e.errorPayload();
                    outcome = new ScanOutcome.Rejected(q.clientRequestId(), error);
                } catch (IOException e) {
                    break;
                }
                ScanOutcome result = outcome;
                scheduler.execute(() -> answered(q.clientRequestId(), result));
            }
            scheduler.execute(() -> {
                scans.restDrainDone();
                pump();
            });
        });
    }

    // --- plumbing ---------------------------------------------------------------------------------

    private void send(Frame frame) {
        if (socket != null) {
            socket.send(FrameCodec.encode(frame));
        }
    }

    private void transition(ConnectionState to, ConnectionError cause) {
        if (to != state) {
            Instant now = scheduler.now();
            timeInState.merge(state, Duration.between(stateSince, now), Duration::plus);
            stateSince = now;
            log.info("connection {} -> {}{}", state, to, cause == null || to == ConnectionState.LIVE ? ""
                    : " (" + cause.type() + ", attempt " + attempt + ")");
            ConnectionState from = state;
            state = to;
            if (roster != null && to != ConnectionState.CLOSED && to != ConnectionState.AUTH_REQUIRED) {
                roster.connectionChanged(from, to);
            }
        }
        publish();
    }

    private void publish() {
        ConnectionSnapshot next = new ConnectionSnapshot(state, lastError, nextRetryAt, attempt, scans.size(), lastSeq,
                connectedSince);
        // Called for every inbound frame: do the copying only when something changed (every failure
        // changes lastError, every transition the state, every scan the pending count).
        if (!next.equals(snapshot)) {
            counters = new ClientCounters(Map.copyOf(failuresByClass), Map.copyOf(timeInState), state, stateSince,
                    scans.size());
            snapshot = next;
            listeners.forEach(l -> l.onSnapshot(next));
        }
    }

    /** Run first in REST tasks but sign-in and sign-out: one queued before the session ended sends nothing. */
    private void stayHomeIfEnded() throws IOException {
        if (sessionEnded) {
            throw new IOException("session ended; call not sent");
        }
    }
}
