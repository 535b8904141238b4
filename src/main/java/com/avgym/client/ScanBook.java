package com.avgym.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The bookkeeping of the scans {@link ConnectionService} has taken: the durable queue mirrored in memory (in
 * queue order), which of them are on their way over the socket or by REST, the send window, and the callers
 * waiting for an answer. No I/O and no clock of its own: the service calls it on its scheduler thread and does
 * the sending, the disk and the timing.
 */
final class ScanBook {
    private final LinkedHashMap<String, QueuedCommand> pending = new LinkedHashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    /** Scans being sent by the REST drain: the socket leaves them alone. */
    private final Set<String> restInFlight = new HashSet<>();
    private final Map<String, CompletableFuture<ScanOutcome>> waiters = new HashMap<>();
    private boolean restDraining;
    /** After RATE_LIMITED: no command leaves before this, and one at a time until the next socket. */
    private Instant holdSendsUntil;
    /** Nothing goes over a socket before the first one has greeted us ({@link #socketOpened}). */
    private int sendWindow;

    /** Scans left in the disk queue by an earlier run; those already known stay as they are. */
    void restored(List<QueuedCommand> stored) {
        stored.forEach(q -> pending.putIfAbsent(q.clientRequestId(), q));
    }

    /** A scan written to the disk queue, with the caller waiting for its answer. */
    void accepted(QueuedCommand q, CompletableFuture<ScanOutcome> caller) {
        pending.put(q.clientRequestId(), q);
        waiters.put(q.clientRequestId(), caller);
    }

    boolean has(String id) {
        return pending.containsKey(id);
    }

    int size() {
        return pending.size();
    }

    List<QueuedCommand> all() {
        return List.copyOf(pending.values());
    }

    /** Tells a waiting caller its scan is safe in the queue (the scan itself stays pending). */
    void answerQueued(String id) {
        answerQueued(id, null, null);
    }

    /** As {@link #answerQueued(String)}, with the offline verdict taken from the roster (null: none). */
    void answerQueued(String id, com.avgym.protocol.OfflineVerdict verdict, Instant rosterAsOf) {
        CompletableFuture<ScanOutcome> f = waiters.remove(id);
        QueuedCommand q = pending.get(id);
        if (f != null && q != null) {
            f.complete(new ScanOutcome.Queued(id, q, verdict, verdict == null ? null : rosterAsOf));
        }
    }

    /** A caller still waits for {@code id}'s answer. */
    boolean waiting(String id) {
        return waiters.containsKey(id) && pending.containsKey(id);
    }

    QueuedCommand pending(String id) {
        return pending.get(id);
    }

    /** The queued command rewritten on disk (its offline verdict): later sends carry it. No-op once answered. */
    void replace(QueuedCommand q) {
        pending.computeIfPresent(q.clientRequestId(), (id, old) -> q);
    }

    /** The ids of the callers still waiting. */
    List<String> waitingIds() {
        return List.copyOf(waiters.keySet());
    }

    /** {@link #answerQueued} for every caller still waiting (the service stopped). */
    void answerAllQueued() {
        new ArrayList<>(waiters.keySet()).forEach(this::answerQueued);
    }

    /** The server's answer: the scan leaves the book and its caller, if still waiting, gets the answer. */
    QueuedCommand answered(String id, ScanOutcome outcome) {
        QueuedCommand q = pending.remove(id);
        inFlight.remove(id);
        if (q == null) {
            return null;
        }
        CompletableFuture<ScanOutcome> f = waiters.remove(id);
        if (f != null) {
            f.complete(outcome);
        }
        return q;
    }

    /** A new socket: the full send window, no hold. */
    void socketOpened(int window) {
        holdSendsUntil = null;
        sendWindow = window;
    }

    /** The socket is gone: whatever was on it goes again on the next one. */
    void socketDropped() {
        inFlight.clear();
    }

    /**
     * The server asked for {@code id} again later. After RATE_LIMITED other answers must not refill the window at
     * once (50 refusals in 10 s close the socket), so nothing leaves before {@code now + hold}, and then one at a
     * time until the next socket.
     */
    void sendAgainLater(String id, boolean rateLimited, Instant now, Duration hold) {
        inFlight.remove(id);
        if (rateLimited) {
            holdSendsUntil = now.plus(hold);
            sendWindow = 1;
        }
    }

    /** When sends may go on, if they are held at {@code now}; null when they may go now. */
    Instant heldUntil(Instant now) {
        return holdSendsUntil != null && now.isBefore(holdSendsUntil) ? holdSendsUntil : null;
    }

    /** The scans to send over the socket now, in queue order, within the window; marked as on their way. */
    List<QueuedCommand> takeForSocket() {
        List<QueuedCommand> out = new ArrayList<>();
        for (QueuedCommand q : pending.values()) {
            if (inFlight.size() >= sendWindow) {
                break;
            }
            if (!restInFlight.contains(q.clientRequestId()) && inFlight.add(q.clientRequestId())) {
                out.add(q);
            }
        }
        return out;
    }

    /**
     * Every pending scan for one REST drain, marked so that a socket coming back meanwhile does not send them a
     * second time; empty while a drain is running or nothing is pending.
     */
    List<QueuedCommand> takeForRest() {
        if (restDraining || pending.isEmpty()) {
            return List.of();
        }
        restDraining = true;
        List<QueuedCommand> batch = List.copyOf(pending.values());
        batch.forEach(q -> restInFlight.add(q.clientRequestId()));
        return batch;
    }

    /** The REST drain has finished; what it did not send may go by either way again. */
    void restDrainDone() {
        restDraining = false;
        restInFlight.clear();
    }
}
