package com.avgym.server.fanout;

import com.avgym.protocol.message.Event;
import com.avgym.server.checkin.EventLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's fan-out: one thread that, when told new events may exist (its own commits, a NOTIFY from
 * another process, or a poll), reads the event log after the last seq it broadcast and hands the events, in seq
 * order, to the sockets. Writers never wait for it. Since every process reads the one shared log, every socket
 * sees every event of every process without a gap or a reordering.
 */
public final class EventDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
    /** Events read from the log at a time. */
    static final int PAGE = 500;
    /** Read the log at least this often even without a signal: a NOTIFY lost with its connection costs at most this. */
    public static final Duration POLL = Duration.ofSeconds(1);
    /** After failing to read the log this long, every socket is sent resync_required (once per outage). */
    public static final Duration RESYNC_AFTER = Duration.ofSeconds(5);

    /** Where the events go: the sockets of this process. Called on the dispatcher thread, in order. */
    public interface Sink {
        void deliver(List<Event> events);

        /** The sockets cannot be brought up to date from the log: {@code lastSeq} is the last one they got. */
        void resync(long lastSeq, long oldestKeptSeq, long currentSeq);
    }

    private final EventLog events;
    private final Sink sink;
    private final ReentrantLock position = new ReentrantLock();
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private final LongSupplier nanoTime;
    private volatile long lastBroadcast;
    private volatile boolean running = true;
    private long failingSinceNanos;
    private boolean resyncSent;

    public EventDispatcher(EventLog events, Sink sink) {
        this(events, sink, System::nanoTime);
    }

    EventDispatcher(EventLog events, Sink sink, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.events = events;
        this.sink = sink;
        // Sockets are greeted from this position on; nothing earlier is broadcast again.
        this.lastBroadcast = events.lastSeq();
        this.thread = Thread.ofPlatform().name("avgym-fanout").daemon().unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    /** New events may be in the log. Never blocks. */
    public void signal() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** The last seq handed to the sockets. */
    public long lastBroadcast() {
        return lastBroadcast;
    }

    /**
     * Runs {@code work} with the broadcast position fixed (given to it): no event goes out meanwhile. A socket
     * greeted and registered inside it gets exactly the events after that position. Keep it short: it holds up fan-out.
     */
    public <T> T atPosition(LongFunction<T> work) {
        position.lock();
        try {
            return work.apply(lastBroadcast);
        } finally {
            position.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                catchUp();
            }
        }
    }

    /** Broadcasts everything after the last broadcast seq; on the dispatcher thread (tests call it directly). */
    void catchUp() {
        while (running) {
            List<Event> page;
            try {
                page = events.after(lastBroadcast, PAGE);
                failingSinceNanos = 0;
                resyncSent = false;
            } catch (RuntimeException e) {
                readFailed(e);
                return;
            }
            if (page.isEmpty()) {
                return;
            }
            position.lock();
            try {
                long first = page.getFirst().seq();
                if (first != lastBroadcast + 1) {
                    // Pruned before this process broadcast them (it was far behind): the sockets must refetch.
                    log.warn("events {}..{} were pruned before they were broadcast; sockets resync", lastBroadcast + 1, first - 1);
                    sink.resync(lastBroadcast, first, page.getLast().seq());
                }
                try {
                    sink.deliver(page);
                } catch (RuntimeException e) {
                    log.error("broadcast of events {}..{} failed", first, page.getLast().seq(), e);
                }
                lastBroadcast = page.getLast().seq();
            } finally {
                position.unlock();
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private void readFailed(RuntimeException e) {
        long now = nanoTime.getAsLong();
        if (failingSinceNanos == 0) {
            failingSinceNanos = now;
            log.warn("cannot read the event log; retrying every {} ms: {}", POLL.toMillis(), e.toString());
            return;
        }
        if (!resyncSent && now - failingSinceNanos >= RESYNC_AFTER.toNanos()) {
            resyncSent = true;
            log.error("event log unreadable for {} s; telling sockets to resync", RESYNC_AFTER.toSeconds());
            atPosition(last -> {
                sink.resync(last, last + 1, last);
                return null;
            });
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
