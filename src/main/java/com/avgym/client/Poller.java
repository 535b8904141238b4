package com.avgym.client;

import com.avgym.protocol.message.EventPage;
import com.avgym.protocol.message.Stats;
import java.io.IOException;

/**
 * REST polling while the socket is down long enough (BACKUP / OFFLINE) for {@link ConnectionService}: stats
 * and the events since the last one applied, every poll interval, and what the polls say about REST
 * ({@link RestHealth}): whether BACKUP or OFFLINE, and whether the server is back so the socket is worth trying
 * at once. Without {@link ClientConfig#liveData} (a kiosk) a poll is only a probe of {@code /api/health}.
 * Scheduler thread only.
 */
final class Poller {
    static final int POLL_LIMIT = 500;

    private final ServiceContext c;
    private final RestHealth rest = new RestHealth();
    private boolean polling;
    private Scheduler.Cancellable pollTimer;

    Poller(ServiceContext c) {
        this.c = c;
    }

    /** REST answered in this outage and has not failed since (scans may go by REST). */
    boolean restWorks() {
        return rest.works();
    }

    ConnectionState downState() {
        return rest.downState();
    }

    void socketLost() {
        rest.socketLost();
    }

    void startIfIdle() {
        if (!polling) {
            polling = true;
            poll();
        }
    }

    void stop() {
        Timers.cancel(pollTimer);
        polling = false;
    }

    private void poll() {
        if (!polling) {
            return;
        }
        String token = c.tokens.access();
        long after = c.events.lastSeq();
        c.net.execute(() -> {
            try {
                c.stayHomeIfEnded();
                if (!c.config.liveData()) {
                    // A kiosk may not read stats or events: it only needs to know whether the server answers.
                    c.api.health();
                    c.scheduler.execute(() -> onPolled(null, null));
                    return;
                }
                Stats stats = c.api.stats(token);
                EventPage page = after >= 0 ? c.api.events(token, after, POLL_LIMIT) : null;
                c.scheduler.execute(() -> onPolled(stats, page));
            } catch (ApiException e) {
                c.scheduler.execute(() -> onPollFailed(e));
            } catch (IOException e) {
                c.scheduler.execute(() -> onPollFailed(e));
            }
        });
    }

    private void onPolled(Stats stats, EventPage page) {
        if (!polling) {
            return;
        }
        boolean back = rest.answered();
        if (c.config.liveData()) {
            c.events.polled(stats, page);
        }
        c.machine.updateDownState();
        if (back) {
            c.machine.retrySocketNow();
        }
        c.outbox.pump();
        pollTimer = c.timers.schedule(this::poll, c.config.pollInterval());
        c.machine.publish();
    }

    private void onPollFailed(Exception e) {
        if (!polling) {
            return;
        }
        if (e instanceof ApiException ae && ae.status() == 401) {
            c.tokens.refresh(() -> { });
        } else {
            rest.failed();
            c.machine.pollFailed(e instanceof ApiException ae
                    ? FailureClassifier.ofHttp(ae.status(), ae.code(), ae.getMessage(), ae.retryAfter())
                    : FailureClassifier.ofIo("server not reachable by REST", (IOException) e));
        }
        c.machine.updateDownState();
        pollTimer = c.timers.schedule(this::poll, c.config.pollInterval());
        c.machine.publish();
    }
}
