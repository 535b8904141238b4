package com.avgym.desk.viewmodel;

import com.avgym.client.ConnectionError;
import com.avgym.client.ConnectionSnapshot;
import com.avgym.client.ConnectionState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Turns the client's {@link ConnectionSnapshot} into the banner. The snapshot is the only input besides the
 * clock, so the banner can never claim more than the connection service knows: only {@link ConnectionState#LIVE}
 * says "Live", and every other state says how many scans wait to sync (they are safe on disk, and staff need to
 * know they have not reached the server). The countdowns (RECONNECTING, OFFLINE) need {@code now}, which is why
 * {@link #tick} exists: the view calls it while a retry is scheduled.
 *
 * <p>Not thread-safe: the desk calls it on the JavaFX thread only (snapshots arrive there via runLater).
 */
public final class BannerViewModel {
    /** Between the state's words and the waiting count: " · ". */
    static final String SEP = " \u00b7 ";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

    private final ZoneId zone;
    private final Duration pollInterval;
    private final List<Consumer<BannerView>> listeners = new CopyOnWriteArrayList<>();
    private ConnectionSnapshot snapshot;
    private BannerView view = BannerView.hidden();

    /** {@code pollInterval} is what BACKUP mode says ("updates every 5 s"); {@code zone} formats the details' times. */
    public BannerViewModel(ZoneId zone, Duration pollInterval) {
        this.zone = Objects.requireNonNull(zone);
        this.pollInterval = Objects.requireNonNull(pollInterval);
    }

    public void addListener(Consumer<BannerView> listener) {
        listeners.add(listener);
    }

    public BannerView view() {
        return view;
    }

    public ConnectionSnapshot snapshot() {
        return snapshot;
    }

    /** A new snapshot from the connection service. */
    public void update(ConnectionSnapshot next, Instant now) {
        this.snapshot = next;
        refresh(now);
    }

    /** The clock moved: recompute the countdown. */
    public void tick(Instant now) {
        refresh(now);
    }

    /** True while the text depends on the clock (a countdown is running), so the view knows when to tick. */
    public boolean counting() {
        return snapshot != null && snapshot.nextRetryAt() != null
                && (snapshot.state() == ConnectionState.RECONNECTING || snapshot.state() == ConnectionState.OFFLINE);
    }

    private void refresh(Instant now) {
        BannerView next = present(snapshot, now);
        if (!next.equals(view)) {
            view = next;
            listeners.forEach(l -> l.accept(next));
        }
    }

    /** The banner for {@code s} at {@code now}; pure, so tests call it with fixed instants. */
    public BannerView present(ConnectionSnapshot s, Instant now) {
        if (s == null || s.state() == ConnectionState.CLOSED) {
            return BannerView.hidden();
        }
        List<String> details = details(s);
        int pending = s.pendingCount();
        return switch (s.state()) {
            case LIVE -> new BannerView(true, true, BannerSeverity.OK, "Live", BannerAction.NONE, false, details);
            case CONNECTING -> new BannerView(true, false, BannerSeverity.INFO, "Connecting..." + alsoWaiting(pending),
                    BannerAction.NONE, false, details);
            case RECONNECTING -> reconnecting(s, now, details);
            case BACKUP -> new BannerView(true, false, BannerSeverity.WARNING,
                    "Backup mode: updates every " + seconds(pollInterval) + " s" + alsoWaiting(pending),
                    BannerAction.TRY_REAL_TIME, false, details);
            case OFFLINE -> offline(s, now, details);
            case AUTH_REQUIRED -> new BannerView(true, false, BannerSeverity.ERROR, pending == 0
                    ? "Session expired: sign in again"
                    : "Session expired: sign in to sync " + pending + (pending == 1 ? " waiting check-in" : " waiting check-ins"),
                    BannerAction.SIGN_IN, pending > 0, details);
            case CLOSED -> BannerView.hidden();
        };
    }

    private static BannerView reconnecting(ConnectionSnapshot s, Instant now, List<String> details) {
        String attempt = " (attempt " + Math.max(1, s.attempt()) + ")" + alsoWaiting(s.pendingCount());
        if (!waitingForRetry(s, now)) {
            // The attempt is under way: there is nothing to skip, so no button.
            return new BannerView(true, false, BannerSeverity.WARNING, "Connection lost. Reconnecting now" + attempt,
                    BannerAction.NONE, false, details);
        }
        long secondsLeft = ceilSeconds(Duration.between(now, s.nextRetryAt()));
        return new BannerView(true, false, BannerSeverity.WARNING,
                "Connection lost. Reconnecting in " + secondsLeft + " s" + attempt, BannerAction.RETRY_NOW, false, details);
    }

    /** Offline says what is safe on disk, then when the next attempt is, like RECONNECTING's countdown. */
    private static BannerView offline(ConnectionSnapshot s, Instant now, List<String> details) {
        String text = "Offline: " + waiting(s.pendingCount());
        boolean counting = waitingForRetry(s, now);
        text += counting ? SEP + "next try in " + ceilSeconds(Duration.between(now, s.nextRetryAt())) + " s" : SEP + "trying now";
        return new BannerView(true, false, BannerSeverity.ERROR, text, counting ? BannerAction.RETRY_NOW : BannerAction.NONE,
                s.pendingCount() > 0, details);
    }

    private static boolean waitingForRetry(ConnectionSnapshot s, Instant now) {
        return s.nextRetryAt() != null && s.nextRetryAt().isAfter(now);
    }

    /** The waiting count after another state's words; nothing when no scan waits. */
    private static String alsoWaiting(int pending) {
        return pending == 0 ? "" : SEP + waiting(pending);
    }

    private static String waiting(int pending) {
        return switch (pending) {
            case 0 -> "no check-ins waiting to sync";
            case 1 -> "1 check-in waiting to sync";
            default -> pending + " check-ins waiting to sync";
        };
    }

    private List<String> details(ConnectionSnapshot s) {
        List<String> lines = new ArrayList<>();
        lines.add("State: " + s.state());
        ConnectionError e = s.lastError();
        if (e != null) {
            lines.add("Error type: " + e.type());
            if (e.message() != null && !e.message().isBlank()) {
                lines.add("Message: " + e.message());
            }
            if (e.closeCode() != null) {
                lines.add("Close code: " + e.closeCode());
            }
            if (e.httpStatus() != null) {
                lines.add("HTTP status: " + e.httpStatus());
            }
            if (e.at() != null) {
                lines.add("Time: " + TIME.format(e.at().atZone(zone)));
            }
            lines.add("Retryable: " + (e.retryable() ? "yes" : "no"));
        }
        lines.add(s.connectedSince() != null ? "Connected since: " + TIME.format(s.connectedSince().atZone(zone))
                : "Connected since: not connected");
        if (s.pendingCount() > 0) {
            lines.add("Waiting to sync: " + s.pendingCount());
        }
        return lines;
    }

    /** 3.2 s left reads "4 s": the number never reaches 0 while the wait is still running. */
    static long ceilSeconds(Duration d) {
        long whole = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, whole);
    }

    private static long seconds(Duration d) {
        return Math.max(1, ceilSeconds(d));
    }
}
