package com.avgym.client;

import com.avgym.protocol.Frame;
import com.avgym.protocol.Json;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.Event;
import com.avgym.protocol.message.EventPage;
import com.avgym.protocol.message.Page;
import com.avgym.protocol.message.Resume;
import com.avgym.protocol.message.ResyncRequired;
import com.avgym.protocol.message.Stats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the desk's live data in step with the server for {@link ConnectionService}: the newest event applied
 * ({@code lastSeq}), each event exactly once and in order from the socket or from polling, {@code resume} after
 * a reconnect, and a refetch by REST on the first connection, on {@code resync_required} or on a gap. Without
 * {@link ClientConfig#liveData} (a kiosk) it does none of this: no resume, no sequence, no refetch. Scheduler
 * thread only.
 */
final class EventSync {
    private static final Logger log = LoggerFactory.getLogger(EventSync.class);

    private final ServiceContext c;
    private long lastSeq = -1;
    private boolean resumePending;
    private boolean refetchInFlight;
    private final List<Event> heldDuringRefetch = new ArrayList<>();

    EventSync(ServiceContext c) {
        this.c = c;
    }

    long lastSeq() {
        return lastSeq;
    }

    void socketDropped() {
        resumePending = false;
    }

    /** A new socket said hello: ask for what was missed since the last event applied. */
    void socketGreeted() {
        if (lastSeq >= 0 && c.config.liveData()) {
            resumePending = true;
            c.socket.send(Frame.of(MessageType.RESUME, UUID.randomUUID().toString(), null, c.now(), new Resume(lastSeq)));
        }
    }

    void resumed() {
        resumePending = false;
    }

    void resyncRequired(ResyncRequired r) {
        resumePending = false;
        if (!c.config.liveData()) {
            return;
        }
        lastSeq = r.currentSeq();
        refetch();
    }

    void initialStats(Frame frame) {
        Stats stats = frame.payloadAs(Stats.class);
        c.listeners.forEach(l -> l.onStats(stats));
        if (lastSeq < 0 && c.config.liveData()) {
            // First connection: the recent list comes by REST, consistent with this seq.
            lastSeq = frame.seq() == null ? 0 : frame.seq();
            refetch();
        }
    }

    /** A poll's answer: its events, or a refetch when there is no page yet or the server says it is too old. */
    void polled(Stats stats, EventPage page) {
        if (page == null || page.resyncRequired()) {
            if (page != null) {
                lastSeq = page.lastSeq();
            }
            refetch();
        } else {
            page.events().forEach(e -> event(e, false));
            c.listeners.forEach(l -> l.onStats(stats));
        }
    }

    /** Applies one event from the socket or from polling, exactly once and in order. */
    void event(Event e, boolean fromSocket) {
        if (!c.config.liveData()) {
            return; // a kiosk keeps no live data: no sequence, no gaps, no refetch
        }
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
                c.listeners.forEach(l -> l.onStats(s));
            }
            case MEMBER_CHECKED_IN, MEMBER_CHECKED_OUT -> {
                CheckInView v = Json.convert(e.payload(), CheckInView.class);
                c.listeners.forEach(l -> l.onVisit(v, type == MessageType.MEMBER_CHECKED_IN));
                // The figures after the change ride in the event (one frame per change); older servers sent stats_update.
                if (e.payload().hasNonNull("stats")) {
                    Stats s = Json.convert(e.payload().get("stats"), Stats.class);
                    c.listeners.forEach(l -> l.onStats(s));
                }
            }
            default -> { }
        }
    }

    /**
     * Replaces the desk's view with the server's: stats and the recent list, by REST. Events that arrive
     * while the answer is on its way are delivered again after it, so a slow answer cannot overwrite
     * newer data (listeners treat visits as upserts by id).
     */
    private void refetch() {
        String token = c.tokens.access();
        if (token == null || refetchInFlight || c.machine.ended() || !c.config.liveData()) {
            return;
        }
        refetchInFlight = true;
        c.net.execute(() -> {
            try {
                c.stayHomeIfEnded();
                Stats stats = c.api.stats(token);
                Page<CheckInView> recent = c.api.recent(token, c.config.recentSize());
                c.scheduler.execute(() -> {
                    c.listeners.forEach(l -> l.onResync(stats, recent.results()));
                    heldDuringRefetch.forEach(this::deliver);
                    heldDuringRefetch.clear();
                    refetchInFlight = false;
                });
            } catch (IOException | ApiException e) {
                log.info("refetch failed ({}); trying again shortly", e.getMessage());
                c.scheduler.execute(() -> {
                    heldDuringRefetch.clear();
                    refetchInFlight = false;
                    if (!c.machine.ended()) {
                        c.timers.schedule(this::refetch, c.config.pollInterval());
                    }
                });
            }
        });
    }
}
