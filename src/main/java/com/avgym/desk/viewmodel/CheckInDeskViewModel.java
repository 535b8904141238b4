package com.avgym.desk.viewmodel;

import com.avgym.client.ScanOutcome;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check-in desk: the number field, the buttons and the result line. A scan shows PENDING until its
 * future completes, then the server's answer; success is shown only for {@link ScanOutcome.Confirmed}.
 * Only the newest scan may change the result line, so a slow answer never overwrites a newer one.
 *
 * <p>State is read and changed on the UI thread; answers come back through {@code uiThread}
 * (Platform::runLater in the app, Runnable::run in tests).
 */
public final class CheckInDeskViewModel {
    private static final Logger log = LoggerFactory.getLogger(CheckInDeskViewModel.class);
    private final ScanGateway gateway;
    private final ScanResultText words;
    private final Executor uiThread;
    private final List<Consumer<ScanResult>> listeners = new CopyOnWriteArrayList<>();
    private String number = "";
    private ScanResult result = ScanResult.idle();
    private long latestScan;
    /** The request id of the newest scan while it shows QUEUED, so its later answer can replace that line. */
    private String queuedRequestId;

    public CheckInDeskViewModel(ScanGateway gateway, ScanResultText words, Executor uiThread) {
        this.gateway = Objects.requireNonNull(gateway);
        this.words = Objects.requireNonNull(words);
        this.uiThread = Objects.requireNonNull(uiThread);
    }

    public void addListener(Consumer<ScanResult> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ScanResult> listener) {
        listeners.remove(listener);
    }

    public ScanResult result() {
        return result;
    }

    public String number() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number == null ? "" : number;
    }

    /** The Check in button, or Enter in the field. Returns false when there was nothing to send. */
    public boolean checkIn() {
        String n = number.trim();
        if (n.isEmpty()) {
            return false;
        }
        // Cleared at once so the next member can be scanned while this one waits for its answer.
        number = "";
        send(ScanKind.CHECK_IN, n, () -> gateway.checkIn(n));
        return true;
    }

    /** A keyboard-wedge scan caught anywhere in the window: same as typing it and pressing Check in. */
    public boolean scanned(String code) {
        setNumber(code);
        return checkIn();
    }

    /** The Check out button: by the number in the field. */
    public boolean checkOut() {
        String n = number.trim();
        if (n.isEmpty()) {
            return false;
        }
        number = "";
        send(ScanKind.CHECK_OUT, n, () -> gateway.checkOut(null, n));
        return true;
    }

    /** Check out the visit an ALREADY_CHECKED_IN answer named. */
    public boolean checkOutOpenVisit() {
        String id = result.openCheckInId();
        if (id == null) {
            return false;
        }
        send(ScanKind.CHECK_OUT, "visit", () -> gateway.checkOut(id, null));
        return true;
    }

    private void send(ScanKind kind, String label, java.util.function.Supplier<CompletableFuture<ScanOutcome>> call) {
        long scan = ++latestScan;
        queuedRequestId = null;
        set(words.pending(kind, label));
        CompletableFuture<ScanOutcome> answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((outcome, error) -> uiThread.execute(() -> {
            if (scan != latestScan) {
                return;
            }
            if (error != null) {
                log.warn("{} of {} failed before reaching the server", kind, label, error);
                set(words.failed(error));
                return;
            }
            queuedRequestId = outcome instanceof ScanOutcome.Queued q ? q.clientRequestId() : null;
            set(words.describe(kind, outcome));
        }));
    }

    /**
     * A queued scan got the server's answer (ClientListener.onScanResult, moved to the UI thread). If it is the
     * scan the result line still shows as queued, the line now shows the answer; older scans are left to the
     * activity list.
     */
    public void laterAnswer(String clientRequestId, boolean checkIn, ScanOutcome outcome) {
        if (queuedRequestId == null || !queuedRequestId.equals(clientRequestId)
                || outcome instanceof ScanOutcome.Queued) {
            return;
        }
        queuedRequestId = null;
        set(words.synced(checkIn ? ScanKind.CHECK_IN : ScanKind.CHECK_OUT, outcome));
    }

    private void set(ScanResult next) {
        result = next;
        listeners.forEach(l -> l.accept(next));
    }
}
