package com.avgym.client;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Frame;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.ProtocolException;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckOutCommand;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ErrorPayload;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scans of {@link ConnectionService}: each written to the durable {@link OfflineQueue} before it is sent, the
 * caller answered by the server or told "queued", sent in order over the socket when LIVE (within the send
 * window, held after RATE_LIMITED) or drained by REST in BACKUP, and removed from disk once answered. The
 * bookkeeping is {@link ScanBook}; the sending, disk and timing are here. Scheduler thread only.
 */
final class ScanOutbox {
    private static final Logger log = LoggerFactory.getLogger(ScanOutbox.class);

    private final ServiceContext c;
    private final OfflineQueue queue;
    private final ScanBook scans = new ScanBook();

    ScanOutbox(ServiceContext c, OfflineQueue queue) {
        this.c = c;
        this.queue = queue;
    }

    /** Loads the scans an earlier run left on disk, then sends them when it can. */
    void restore() {
        c.disk.execute(() -> {
            try {
                List<QueuedCommand> stored = queue.all();
                c.scheduler.execute(() -> {
                    scans.restored(stored);
                    if (!stored.isEmpty()) {
                        log.info("{} scans waiting in the offline queue from an earlier run", stored.size());
                    }
                    c.machine.publish();
                    pump();
                });
            } catch (SQLException e) {
                log.error("cannot read the offline queue", e);
            }
        });
    }

    int size() {
        return scans.size();
    }

    /** Scans waiting for the server, oldest first. */
    CompletableFuture<List<QueuedCommand>> pending() {
        CompletableFuture<List<QueuedCommand>> f = new CompletableFuture<>();
        // Through the disk thread first, so the queue loaded at construction is in memory before we answer.
        c.disk.execute(() -> c.scheduler.execute(() -> f.complete(scans.all())));
        return f;
    }

    void socketOpened() {
        scans.socketOpened(c.config.sendWindow());
    }

    void socketDropped() {
        scans.socketDropped();
    }

    /**
     * The service stopped: callers still waiting learn their scans are safe on disk, decided from the roster when
     * {@code decide} (the session ended, the app did not).
     */
    void answerAllQueued(boolean decide) {
        if (decide) {
            scans.waitingIds().forEach(this::answerQueued);
        } else {
            scans.answerAllQueued();
        }
    }

    /**
     * The caller of {@code id} hears "queued": first, if the roster decides it, the command on disk is rewritten
     * with its offline verdict, so the server later learns what the door did and later sends carry it.
     */
    private void answerQueued(String id) {
        QueuedCommand q = scans.pending(id);
        if (c.roster == null || q == null || !scans.waiting(id)) {
            scans.answerQueued(id);
            return;
        }
        c.roster.decideQueued(q, (decided, d) -> {
            if (decided == null) {
                scans.answerQueued(id);
                return;
            }
            scans.replace(decided);
            scans.answerQueued(id, d.verdict(), d.rosterAsOf());
        });
    }

    /** Any thread: validates, writes to disk, then sends. */
    CompletableFuture<ScanOutcome> submit(CheckInCommand in, CheckOutCommand out) {
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
        c.disk.execute(() -> {
            QueuedCommand q;
            try {
                q = queue.add(in, out);
            } catch (SQLException e) {
                log.error("cannot write the offline queue", e);
                f.completeExceptionally(e);
                return;
            }
            c.scheduler.execute(() -> accepted(q, f));
        });
        return f;
    }

    private void accepted(QueuedCommand q, CompletableFuture<ScanOutcome> f) {
        String id = q.clientRequestId();
        scans.accepted(q, f);
        // Connected: the caller waits for the server's answer, up to the command timeout; else "queued" at once.
        ConnectionState state = c.machine.state();
        if (state == ConnectionState.LIVE || (state == ConnectionState.BACKUP && c.poller.restWorks())) {
            c.timers.schedule(() -> answerQueued(id), c.config.commandTimeout());
        } else {
            answerQueued(id);
        }
        pump();
        c.machine.publish();
    }

    /** The server's answer to scan {@code id}: off the disk queue, to its caller and the listeners. */
    void answered(String id, ScanOutcome outcome) {
        QueuedCommand q = scans.answered(id, outcome);
        if (q == null) {
            return;
        }
        c.disk.execute(() -> {
            try {
                queue.remove(id);
            } catch (SQLException e) {
                log.error("cannot remove an answered scan from the queue; the server will see a duplicate", e);
            }
        });
        c.listeners.forEach(l -> l.onScanResult(q, outcome));
        pump();
        c.machine.publish();
    }

    /** An error frame: a refusal of one of our scans, or a "send it again later". */
    void errorFrame(Frame frame) {
        ErrorPayload error = frame.payloadAs(ErrorPayload.class);
        String id = frame.id();
        if (id == null || !scans.has(id)) {
            log.warn("server reported {} for a frame of ours", error.code());
            return;
        }
        boolean rateLimited = ErrorCode.RATE_LIMITED.name().equals(error.code());
        if (error.retryable() || rateLimited) {
            scans.sendAgainLater(id, rateLimited, c.now(), ConnectionService.RETRYABLE_RESEND);
            c.timers.schedule(this::pump, ConnectionService.RETRYABLE_RESEND);
            return;
        }
        answered(id, new ScanOutcome.Rejected(id, error));
    }

    /** Sends queued scans in order: over the socket when LIVE, else by REST in BACKUP. */
    void pump() {
        ConnectionState state = c.machine.state();
        if (state == ConnectionState.LIVE && c.socket.isOpen()) {
            Instant held = scans.heldUntil(c.now());
            if (held != null) {
                c.timers.schedule(this::pump, Duration.between(c.now(), held));
                return;
            }
            for (QueuedCommand q : scans.takeForSocket()) {
                c.socket.send(q.isCheckIn()
                        ? Frame.of(MessageType.CHECK_IN, q.clientRequestId(), null, c.now(), q.checkIn())
                        : Frame.of(MessageType.CHECK_OUT, q.clientRequestId(), null, c.now(), q.checkOut()));
            }
        } else if (state == ConnectionState.BACKUP && c.poller.restWorks() && c.tokens.access() != null) {
            List<QueuedCommand> batch = scans.takeForRest();
            if (!batch.isEmpty()) {
                drainByRest(batch, c.tokens.access());
            }
        }
    }

    private void drainByRest(List<QueuedCommand> batch, String token) {
        c.net.execute(() -> {
            for (QueuedCommand q : batch) {
                ScanOutcome outcome;
                try {
                    c.stayHomeIfEnded();
                    CommandResult r = q.isCheckIn() ? c.api.checkIn(token, q.checkIn()) : c.api.checkOut(token, q.checkOut());
                    outcome = new ScanOutcome.Confirmed(q.clientRequestId(), r);
                } catch (ApiException e) {
                    if (e.status() == 401 && !c.config.liveData()) {
                        // A kiosk's polls carry no token, so nothing else would notice it expired.
                        c.scheduler.execute(() -> c.tokens.refresh(() -> { }));
                    }
                    if (e.status() >= 500 || e.status() == 429 || e.status() == 401) {
                        break; // try again on the next poll; a desk's 401 is handled by the poll's refresh
                    }
                    outcome = new ScanOutcome.Rejected(q.clientRequestId(), e.errorPayload());
                } catch (IOException e) {
                    break;
                }
                ScanOutcome result = outcome;
                c.scheduler.execute(() -> answered(q.clientRequestId(), result));
            }
            c.scheduler.execute(() -> {
                scans.restDrainDone();
                pump();
            });
        });
    }
}
