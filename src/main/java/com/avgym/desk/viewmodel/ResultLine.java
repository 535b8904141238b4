package com.avgym.desk.viewmodel;

import com.avgym.client.ScanOutcome;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line that says what became of the newest check-in or check-out sent from a screen: PENDING until its
 * future completes, then the server's answer; success only for {@link ScanOutcome.Confirmed}. Only the newest
 * command may change the line, so a slow answer never overwrites a newer one; a QUEUED line turns into the
 * server's answer when the queued command is sent later ({@link #laterAnswer}).
 *
 * <p>Used on the UI thread; answers come back through {@code uiThread}.
 */
public final class ResultLine {
    /**
     * Told of the newest command only, just after the line changes for it (the check-in desk's result panel).
     */
    public interface Observer {
        void pending(ScanKind kind, String label);

        /** {@code outcome} is null when the command failed before reaching the server. */
        void answered(ScanKind kind, String label, ScanOutcome outcome);

        void synced(ScanKind kind, ScanOutcome outcome);
    }

    private static final Logger log = LoggerFactory.getLogger(ResultLine.class);
    private static final Observer NO_OBSERVER = new Observer() {
        @Override
        public void pending(ScanKind kind, String label) {
        }

        @Override
        public void answered(ScanKind kind, String label, ScanOutcome outcome) {
        }

        @Override
        public void synced(ScanKind kind, ScanOutcome outcome) {
        }
    };
    private final ScanResultText words;
    private final Executor uiThread;
    private final Observer observer;
    private final BooleanSupplier signInNeeded;
    private final List<Consumer<ScanResult>> listeners = new CopyOnWriteArrayList<>();
    private ScanResult result = ScanResult.idle();
    private long latest;
    /** The request id of the newest command while it shows QUEUED, so its later answer can replace that line. */
    private String queuedRequestId;
    /** That command's queued outcome and kind, to word the line again when what it waits for changes. */
    private ScanOutcome.Queued queued;
    private ScanKind queuedKind;

    public ResultLine(ScanResultText words, Executor uiThread) {
        this(words, uiThread, NO_OBSERVER, () -> false);
    }

    /** {@code signInNeeded}: the session has expired, so a queued command waits for a sign-in, not the server. */
    public ResultLine(ScanResultText words, Executor uiThread, Observer observer, BooleanSupplier signInNeeded) {
        this.words = Objects.requireNonNull(words);
        this.uiThread = Objects.requireNonNull(uiThread);
        this.observer = Objects.requireNonNull(observer);
        this.signInNeeded = Objects.requireNonNull(signInNeeded);
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

    /**
     * Sends a command and shows it. {@code settled} runs on the UI thread when this command is answered, even
     * if a newer one owns the line by then (a table row waiting for its own answer); it gets null when the
     * command failed before reaching the server.
     */
    public void send(ScanKind kind, String label, Supplier<CompletableFuture<ScanOutcome>> call,
                     Consumer<ScanOutcome> settled) {
        long mine = ++latest;
        queuedRequestId = null;
        set(words.pending(kind, label));
        observer.pending(kind, label);
        CompletableFuture<ScanOutcome> answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((outcome, error) -> uiThread.execute(() -> {
            if (error != null) {
                log.warn("{} of {} failed before reaching the server", kind, label, error);
            }
            if (mine == latest) {
                queued = outcome instanceof ScanOutcome.Queued q ? q : null;
                queuedKind = kind;
                queuedRequestId = queued != null ? queued.clientRequestId() : null;
                set(error != null ? words.failed(error) : words.describe(kind, outcome, signInNeeded.getAsBoolean()));
                observer.answered(kind, label, error != null ? null : outcome);
            }
            settled.accept(error != null ? null : outcome);
        }));
    }

    /** A queued command got the server's answer; the line changes only if it still shows that command as queued. */
    public void laterAnswer(String clientRequestId, boolean checkIn, ScanOutcome outcome) {
        if (queuedRequestId == null || !queuedRequestId.equals(clientRequestId)
                || outcome instanceof ScanOutcome.Queued) {
            return;
        }
        queuedRequestId = null;
        ScanKind kind = checkIn ? ScanKind.CHECK_IN : ScanKind.CHECK_OUT;
        set(words.synced(kind, outcome));
        observer.synced(kind, outcome);
    }

    /**
     * The connection changed: a line still showing a queued scan says again what the scan waits for (a sign-in
     * once the session has expired, the server after it).
     */
    public void connectionChanged() {
        if (queuedRequestId != null && queued != null && result.status() == ScanResult.Status.QUEUED) {
            set(words.describe(queuedKind, queued, signInNeeded.getAsBoolean()));
        }
    }

    /** Esc: the line goes blank; a command still out no longer writes to it. */
    public void clear() {
        latest++;
        queuedRequestId = null;
        set(ScanResult.idle());
    }

    private void set(ScanResult next) {
        result = next;
        listeners.forEach(l -> l.accept(next));
    }
}
