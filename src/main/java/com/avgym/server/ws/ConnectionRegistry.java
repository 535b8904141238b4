package com.avgym.server.ws;

import com.avgym.protocol.CloseCodes;
import com.avgym.protocol.Frame;
import com.avgym.protocol.FrameCodec;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.message.Event;
import com.avgym.protocol.message.Hello;
import com.avgym.protocol.message.MemberUpdated;
import com.avgym.protocol.message.Resumed;
import com.avgym.protocol.message.ResyncRequired;
import com.avgym.protocol.message.ReviewsChanged;
import com.avgym.server.ServerMetrics;
import com.avgym.server.checkin.CheckInService;
import com.avgym.server.checkin.EventLog;
import com.avgym.server.checkin.Reviews;
import com.avgym.server.fanout.EventDispatcher;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All open sockets: greets new ones, fans events out, replays missed ones on resume, enforces the
 * timers, and closes sockets when a session is revoked, a user changes or the server drains.
 */
public final class ConnectionRegistry {
    private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);
    /** A resume further back than this is answered with resync_required: refetching is cheaper. */
    public static final int MAX_REPLAY = 1000;

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong announcedRoster = new AtomicLong();
    private final EventLog events;
    private final CheckInService checkIns;
    private final CommandHandler handler;
    private final ServerMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final SocketLimits limits;
    private final SocketSlots slots;
    private final EventDispatcher dispatcher;
    private volatile boolean draining;
    /** The drain's window, set before {@link #draining}: a socket registered late gets the reason the others get. */
    private volatile Duration drainWindow = Duration.ZERO;
    private volatile Runnable beforeGreeting = () -> { };

    public ConnectionRegistry(EventLog events, CheckInService checkIns, com.avgym.server.auth.AuthService auth,
                              ServerMetrics metrics, ScheduledExecutorService scheduler, Clock clock, SocketLimits limits) {
        this.events = events;
        this.checkIns = checkIns;
        this.handler = new CommandHandler(checkIns, auth, metrics, clock);
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.clock = clock;
        this.limits = limits;
        this.slots = new SocketSlots(limits.maxConnectionsPerUser());
        metrics.gauge("avgym_ws_connections", connections::size);
        this.dispatcher = new EventDispatcher(events, new EventDispatcher.Sink() {
            @Override
            public void deliver(List<Event> batch) {
                broadcast(batch);
            }

            @Override
            public void resync(long lastSeq, long oldestKeptSeq, long currentSeq) {
                resyncAll(lastSeq, oldestKeptSeq, currentSeq);
            }
        });
        events.onCommitted(dispatcher::signal);
        dispatcher.start();
        long tickMs = Math.max(50, Math.min(1000, limits.heartbeatInterval().toMillis() / 4));
        scheduler.scheduleWithFixedDelay(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    ServerMetrics metrics() {
        return metrics;
    }

    Instant now() {
        return clock.instant();
    }

    SocketLimits limits() {
        return limits;
    }

    public boolean isDraining() {
        return draining;
    }

    /** Reserves one of the user's socket slots for an upgrade, or null when the user holds them all. */
    SocketSlots.Slot reserveSlot(String userId) {
        return slots.tryReserve(userId, clock.instant());
    }

    /** Slots held: sockets open plus upgrades accepted and not yet open. */
    public int slotsInUse() {
        return slots.inUse();
    }

    /** Tests only: runs on the upgrade's thread before each greeting, to make a greeting slow on purpose. */
    public void beforeGreeting(Runnable hook) {
        this.beforeGreeting = hook;
    }

    public int size() {
        return connections.size();
    }

    /**
     * hello, then initial_stats, then live events, with none missed or doubled: the socket is greeted and registered
     * with the fan-out's position fixed, so it gets exactly the events after hello.lastSeq. The figures are read
     * before (no database work while fan-out waits) in one snapshot with the seq they include; figures older than
     * the position are read again, newer ones are fine (the events in between bring their own stats_update).
     */
    void opened(Connection conn) {
        beforeGreeting.run();
        if (connections.size() >= limits.maxConnections()) {
            log.warn("connection limit {} reached; refusing {}", limits.maxConnections(), conn.principal().username());
            conn.close(CloseCodes.TRY_AGAIN_LATER);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            CheckInService.StatsAt figures;
            try {
                figures = checkIns.currentStatsWithSeq();
            } catch (RuntimeException e) {
                // Without its starting state the desk would show wrong figures: close, it will retry.
                log.error("cannot greet socket {}: initial stats failed", conn.id(), e);
                conn.close(CloseCodes.INTERNAL);
                return;
            }
            boolean lastTry = attempt >= 3;
            if (dispatcher.atPosition(position -> greet(conn, figures, position, lastTry))) {
                break;
            }
        }
        log.info("socket {} opened by {} ({} open)", conn.id(), conn.principal().username(), connections.size());
    }

    /** Runs with the fan-out position fixed; false when the figures predate it (read them again). */
    private boolean greet(Connection conn, CheckInService.StatsAt figures, long position, boolean lastTry) {
        if (figures.seq() < position && !lastTry) {
            return false;
        }
        Instant now = clock.instant();
        conn.send(Frame.of(MessageType.HELLO, null, null, now, new Hello(Hello.PROTOCOL_VERSION, conn.id(), now,
                limits.heartbeatInterval().toMillis(), conn.principal().accessExpiresAt(), position)));
        conn.send(Frame.of(MessageType.INITIAL_STATS, null, position, now, figures.stats()));
        register(conn);
        return true;
    }

    /**
     * Adds a greeted socket unless it has ended meanwhile. A desk that gives up during a slow greeting closes while
     * it is not registered yet; Jetty may report that close on another thread at any moment, so the add and the
     * close's remove are ordered by the connection's own lock: whichever runs second sees what the first did.
     */
    private void register(Connection conn) {
        synchronized (conn.lifecycle()) {
            if (!conn.ended()) {
                connections.add(conn);
            }
        }
        if (draining) {
            // It passed the upgrade gate just before the drain began, and the drain may have listed the sockets
            // already: close it here, or it would stay until Jetty stops.
            // The greeting is sent before the add, so the client may already see it and the drain may have begun.
            conn.close(CloseCodes.RESTART, drainWindow.isZero() ? CloseCodes.reason(CloseCodes.RESTART)
                    : DrainPlan.closeReason(java.util.concurrent.ThreadLocalRandom.current().nextLong(DrainPlan.STEP.toMillis())));
        }
    }

    void closed(Connection conn) {
        conn.slot().release();
        boolean removed;
        synchronized (conn.lifecycle()) {
            conn.markEnded();
            removed = connections.remove(conn);
        }
        if (removed) {
            log.info("socket {} of {} closed ({} open)", conn.id(), conn.principal().username(), connections.size());
        }
    }

    void handle(Connection conn, MessageType type, Frame frame) {
        inFlight.incrementAndGet();
        try {
            handler.handle(conn, this, type, frame);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Fans events out in seq order; each is encoded once, queued on every socket without per-frame metrics, then
     * counted (frames out) and timed (read from the log to queued on every socket) once. On the dispatcher thread.
     */
    private void broadcast(List<Event> batch) {
        for (Event e : batch) {
            long start = System.nanoTime();
            MessageType type = MessageType.fromWireName(e.type()).orElseThrow();
            String text = FrameCodec.encode(new Frame(e.type(), null, e.seq(), e.ts(), e.payload()));
            int queued = 0;
            for (Connection c : connections) {
                if (BroadcastAudience.receives(c.principal().role(), type) && c.queueBroadcast(text)) {
                    queued++;
                }
            }
            if (queued > 0) {
                metrics.framesOut(type.wireName()).increment(queued);
                metrics.broadcastLatency().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * member_updated to every socket (kiosks too): not in the event log and without seq, since a client that missed
     * it catches up by version, not by replay. Changes committing at once may call in any order; an announcement
     * older than one already sent adds nothing and is dropped.
     */
    public void memberUpdated(long version) {
        if (announcedRoster.getAndAccumulate(version, Math::max) >= version) {
            return;
        }
        long start = System.nanoTime();
        String text = FrameCodec.encode(Frame.of(MessageType.MEMBER_UPDATED, null, null, clock.instant(),
                new MemberUpdated(version)));
        Counter sent = metrics.framesOut(MessageType.MEMBER_UPDATED.wireName());
        for (Connection c : connections) {
            if (BroadcastAudience.receives(c.principal().role(), MessageType.MEMBER_UPDATED)) {
                c.sendText(text, sent, start);
            }
        }
    }

    /**
     * Sends reviews_changed to admin and staff sockets only: trainers and kiosks have no review list. Not an
     * event-log broadcast (no seq, not replayed): a desk refetches the list when it reconnects.
     */
    public void reviewsChanged(ReviewsChanged changed) {
        String text = FrameCodec.encode(Frame.of(MessageType.REVIEWS_CHANGED, null, null, clock.instant(), changed));
        Counter sent = metrics.framesOut(MessageType.REVIEWS_CHANGED.wireName());
        connections.stream().filter(c -> Reviews.mayReview(c.principal().role())).forEach(c -> c.sendText(text, sent, 0));
    }

    /**
     * Replays events after {@code lastSeq} in order, then resumed; or resync_required. The log is read before the
     * fan-out position is fixed; only the tail committed in between is read while fan-out waits.
     */
    void resume(Connection conn, String frameId, long lastSeq) {
        boolean resync = events.resyncNeeded(lastSeq);
        List<Event> read = resync ? List.of() : events.after(lastSeq, MAX_REPLAY + 1);
        dispatcher.atPosition(current -> {
            // lastSeq > current: the desk came from a process further along; what it has is not sent again.
            if (resync || current - lastSeq > MAX_REPLAY) {
                conn.send(Frame.of(MessageType.RESYNC_REQUIRED, frameId, null, clock.instant(),
                        new ResyncRequired(lastSeq, events.oldestKeptSeq(), current)));
                return null;
            }
            long sent = lastSeq;
            for (Event e : read) {
                if (e.seq() > current) {
                    break;
                }
                replay(conn, e);
                sent = e.seq();
            }
            if (sent < current) {
                for (Event e : events.after(sent, (int) (current - sent))) {
                    replay(conn, e);
                }
            }
            conn.send(Frame.of(MessageType.RESUMED, frameId, null, clock.instant(), new Resumed(lastSeq + 1, Math.max(lastSeq, current))));
            return null;
        });
    }

    private void replay(Connection conn, Event e) {
        conn.sendText(FrameCodec.encode(new Frame(e.type(), null, e.seq(), e.ts(), e.payload())), metrics.framesOut(e.type()), 0);
    }

    /** Every socket: the fan-out cannot bring it up to date from the log (see {@link EventDispatcher#RESYNC_AFTER}). */
    private void resyncAll(long lastSeq, long oldestKeptSeq, long currentSeq) {
        String text = FrameCodec.encode(Frame.of(MessageType.RESYNC_REQUIRED, null, null, clock.instant(),
                new ResyncRequired(lastSeq, oldestKeptSeq, currentSeq)));
        Counter sent = metrics.framesOut(MessageType.RESYNC_REQUIRED.wireName());
        for (Connection c : connections) {
            c.sendText(text, sent, 0);
        }
    }

    /** New events may be in the shared log (a NOTIFY from another process). */
    public void eventsMayExist() {
        dispatcher.signal();
    }

    /** The last seq this process's sockets were sent. */
    public long lastBroadcastSeq() {
        return dispatcher.lastBroadcast();
    }

    /** Stops the fan-out thread (the server is closing). */
    public void stopFanOut() {
        dispatcher.close();
    }

    /** Closes every socket of a revoked session (logout, refresh-token re-use) with 4401. */
    public void closeSession(String sessionId) {
        closeWhere(c -> c.principal().sessionId().equals(sessionId), CloseCodes.TOKEN_EXPIRED);
    }

    /** Closes every socket of a user who was deactivated or lost a desk role, with 4403. */
    public void closeUser(String userId) {
        closeWhere(c -> c.principal().userId().equals(userId), CloseCodes.FORBIDDEN);
    }

    /**
     * Closes every socket whose principal {@code closeCode} now refuses (a code, or 0 to keep it): after this node
     * missed control notifications, its sockets are checked against the database instead.
     */
    public void revalidate(java.util.function.ToIntFunction<com.avgym.server.auth.Principal> closeCode) {
        int closed = 0;
        for (Connection c : connections) {
            int code = closeCode.applyAsInt(c.principal());
            if (code != 0) {
                c.close(code);
                closed++;
            }
        }
        if (closed > 0) {
            log.info("closed {} sockets whose session or access ended while control messages were missed", closed);
        }
    }

    private void closeWhere(Predicate<Connection> which, int code) {
        connections.stream().filter(which).forEach(c -> c.close(code));
    }

    /**
     * Graceful stop: refuse new sockets (503 + Retry-After) and answer health 503 at once, let commands in flight
     * finish (up to 5 s), then close every socket with 1012 in batches spread over {@code window} ({@link DrainPlan}),
     * each close telling its desk when to come back; zero closes all at once without a hint. Returns when every
     * socket has gone or a peer that ignores the close has been cut off.
     */
    public void drain(Duration window) {
        drainWindow = window;
        draining = true;
        long start = System.nanoTime();
        awaitCommandsInFlight(start + TimeUnit.SECONDS.toNanos(5));
        List<Connection> open = new ArrayList<>(connections);
        DrainPlan plan = DrainPlan.of(open.size(), window);
        log.info("draining {} sockets in {} batches over {} ms", open.size(), plan.batches().size(),
                plan.batches().isEmpty() ? 0 : plan.batches().getLast().atMillis());
        long batchesFrom = System.nanoTime();
        int next = 0;
        for (DrainPlan.Batch batch : plan.batches()) {
            if (!sleepUntil(batchesFrom + TimeUnit.MILLISECONDS.toNanos(batch.atMillis()))) {
                window = Duration.ZERO; // interrupted: close the rest at once
            }
            for (int i = 0; i < batch.size(); i++) {
                open.get(next++).close(CloseCodes.RESTART, window.isZero()
                        ? CloseCodes.reason(CloseCodes.RESTART) : DrainPlan.closeReason(batch.retryAfterMillis(i)));
            }
        }
        long deadline = System.nanoTime() + Connection.CLOSE_GRACE.plusSeconds(1).toNanos();
        while (!connections.isEmpty() && sleepUntil(Math.min(deadline, System.nanoTime() + 10_000_000L))
                && System.nanoTime() < deadline) {
            // waiting for the peers' close answers
        }
    }

    private void awaitCommandsInFlight(long deadlineNanos) {
        while (inFlight.get() > 0 && System.nanoTime() < deadlineNanos
                && sleepUntil(Math.min(deadlineNanos, System.nanoTime() + 5_000_000L))) {
            // a command's reply goes out before its socket closes
        }
    }

    /** False when interrupted (the caller hurries up). */
    private static boolean sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left <= 0) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void schedule(Runnable task, long delay, TimeUnit unit) {
        try {
            scheduler.schedule(task, delay, unit);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            task.run();
        }
    }

    private void tick() {
        try {
            long nanos = System.nanoTime();
            Instant now = clock.instant();
            connections.forEach(c -> c.checkTimers(nanos, now));
            int abandoned = slots.releaseAbandoned(now);
            if (abandoned > 0) {
                log.warn("{} accepted upgrades never opened; their socket slots are free again", abandoned);
            }
        } catch (RuntimeException e) {
            log.error("socket timer failed", e);
        }
    }

}
