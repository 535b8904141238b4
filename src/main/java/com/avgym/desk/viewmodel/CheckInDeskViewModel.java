package com.avgym.desk.viewmodel;

import com.avgym.client.ConnectionState;
import com.avgym.client.ScanOutcome;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The check-in desk: the number field, the buttons and the result line. A scan shows PENDING until its
 * future completes, then the server's answer; success is shown only for
 * {@link com.avgym.client.ScanOutcome.Confirmed}. Only the newest scan may change the result line, so a slow
 * answer never overwrites a newer one.
 *
 * <p>State is read and changed on the UI thread; answers come back through {@code uiThread}
 * (Platform::runLater in the app, Runnable::run in tests).
 */
public final class CheckInDeskViewModel implements LiveUpdates {
    private final ScanGateway gateway;
    private final ResultLine line;
    private final ResultPanelModel panel;
    private final List<Consumer<String>> memberListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, ScanOutcome>> answerListeners = new CopyOnWriteArrayList<>();
    private String number = "";

    /** Without sounds, and a result panel that never fades (screens that only need the result line). */
    public CheckInDeskViewModel(ScanGateway gateway, ScanResultText words, Executor uiThread) {
        this(gateway, words, new ResultPanelText(java.time.Clock.systemDefaultZone()), (delay, task) -> () -> { },
                Chime.SILENT, uiThread);
    }

    /** {@code delay} fades the result panel; {@code chime} plays the sound of each answer. */
    public CheckInDeskViewModel(ScanGateway gateway, ScanResultText words, ResultPanelText panelWords, UiDelay delay,
                                Chime chime, Executor uiThread) {
        this.gateway = Objects.requireNonNull(gateway);
        this.panel = new ResultPanelModel(panelWords, delay, chime, gateway::signInNeeded);
        this.line = new ResultLine(words, uiThread, panel, gateway::signInNeeded);
    }

    /** The big result panel: the newest scan's answer, fading after 10 s. */
    public ResultPanelModel panel() {
        return panel;
    }

    public void addListener(Consumer<ScanResult> listener) {
        line.addListener(listener);
    }

    public void removeListener(Consumer<ScanResult> listener) {
        line.removeListener(listener);
    }

    /**
     * Told the membership number of every check-in or check-out sent by number, before its PENDING line, so the
     * member card can follow the desk to the member being scanned.
     */
    public void addMemberListener(Consumer<String> listener) {
        memberListeners.add(listener);
    }

    /**
     * Told, on the UI thread, the server's (or the queue's) answer to a command sent by number, with that number;
     * null when it failed before reaching either. The last-scans strip takes the member's name from it.
     */
    public void addAnswerListener(BiConsumer<String, ScanOutcome> listener) {
        answerListeners.add(listener);
    }

    public ScanResult result() {
        return line.result();
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
        return checkInMember(n);
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
        return checkOutMember(n);
    }

    /** Check in by number without touching the field (the member card's button). */
    public boolean checkInMember(String membershipNumber) {
        return byNumber(ScanKind.CHECK_IN, membershipNumber);
    }

    /** Check out by number without touching the field (the member card's button). */
    public boolean checkOutMember(String membershipNumber) {
        return byNumber(ScanKind.CHECK_OUT, membershipNumber);
    }

    /**
     * "Let in anyway" for an expired or inactive member, with the reason staff chose. Returns false (and sends
     * nothing) without a number or a reason: the server would refuse it with OVERRIDE_REASON_REQUIRED.
     */
    public boolean letIn(String membershipNumber, String reason) {
        String n = membershipNumber == null ? "" : membershipNumber.trim();
        if (n.isEmpty() || reason == null || reason.isBlank()) {
            return false;
        }
        String why = reason.strip();
        memberListeners.forEach(l -> l.accept(n));
        line.send(ScanKind.CHECK_IN, n, () -> gateway.letIn(n, why), ignored -> { });
        return true;
    }

    /** Esc: clears the result panel and line (the scans themselves go on). */
    public void clearResult() {
        line.clear();
        panel.clear();
    }

    /** Check out the visit an ALREADY_CHECKED_IN answer named. */
    public boolean checkOutOpenVisit() {
        String id = line.result().openCheckInId();
        if (id == null) {
            return false;
        }
        // Labelled with the member's number the panel shows (the visit's), so the panel keeps saying whose it is.
        String number = panel.shown().photoKey();
        line.send(ScanKind.CHECK_OUT, number != null ? number : "visit", () -> gateway.checkOut(id, null), ignored -> { });
        return true;
    }

    private boolean byNumber(ScanKind kind, String membershipNumber) {
        String n = membershipNumber == null ? "" : membershipNumber.trim();
        if (n.isEmpty()) {
            return false;
        }
        memberListeners.forEach(l -> l.accept(n));
        line.send(kind, n, kind == ScanKind.CHECK_IN ? () -> gateway.checkIn(n) : () -> gateway.checkOut(null, n),
                outcome -> answerListeners.forEach(l -> l.accept(n, outcome)));
        return true;
    }

    /**
     * A queued scan got the server's answer (ClientListener.onScanResult, moved to the UI thread). If it is the
     * scan the result line still shows as queued, the line now shows the answer; older scans are left to the
     * activity list.
     */
    @Override
    public void connectionChanged(ConnectionState state) {
        line.connectionChanged();
        panel.connectionChanged();
    }

    @Override
    public void laterAnswer(String clientRequestId, boolean checkIn, ScanOutcome outcome) {
        line.laterAnswer(clientRequestId, checkIn, outcome);
    }
}
