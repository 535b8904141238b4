package com.avgym.desk.viewmodel;

import com.avgym.client.ConnectionSnapshot;
import com.avgym.client.ConnectionState;
import com.avgym.client.ScanOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The kiosk's one screen, in plain Java: a scan is sent through the {@link ScanGateway} and its answer fills the
 * screen for {@link #RESULT_FOR}, then the kiosk is ready again; a new scan replaces any result at once (a late
 * answer to an earlier scan is dropped). Nobody there for {@link #IDLE_AFTER}: the attract screen, which any key
 * or scan leaves. A refused or expired device session takes the kiosk out of service until staff sign it in.
 * Called on the UI thread only; gateway answers are brought back with {@code ui}. Timers run on {@link UiDelay}, so
 * tests move time by hand.
 */
public final class KioskViewModel {
    public static final Duration RESULT_FOR = Duration.ofSeconds(4);
    public static final Duration IDLE_AFTER = Duration.ofMinutes(2);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK);

    private final ScanGateway gateway;
    private final KioskResultText text;
    private final UiDelay delay;
    private final Chime chime;
    private final Executor ui;
    private final Clock clock;
    private Runnable onChange = () -> { };
    private KioskScreen screen = KioskScreen.of(KioskScreen.Kind.READY);
    private KioskStatus status = KioskStatus.STARTING;
    private boolean outOfService;
    /** Which scan the screen belongs to: answers to older ones are dropped. */
    private long scanSeq;
    private Runnable resetTimer = () -> { };
    private Runnable idleTimer = () -> { };

    public KioskViewModel(ScanGateway gateway, KioskResultText text, UiDelay delay, Chime chime, Executor ui, Clock clock) {
        this.gateway = Objects.requireNonNull(gateway);
        this.text = Objects.requireNonNull(text);
        this.delay = Objects.requireNonNull(delay);
        this.chime = Objects.requireNonNull(chime);
        this.ui = Objects.requireNonNull(ui);
        this.clock = Objects.requireNonNull(clock);
        restartIdle();
    }

    /** The view's one listener: called after every change, on the UI thread. */
    public void onChange(Runnable listener) {
        this.onChange = Objects.requireNonNull(listener);
    }

    public KioskScreen screen() {
        return outOfService ? KioskScreen.of(KioskScreen.Kind.OUT_OF_SERVICE) : screen;
    }

    public KioskStatus status() {
        return status;
    }

    public String time() {
        return TIME.format(LocalDateTime.now(clock));
    }

    public String date() {
        return DATE.format(LocalDateTime.now(clock));
    }

    /** A card was scanned: wakes the kiosk and sends it at once. Ignored while out of service. */
    public void scanned(String membershipNumber) {
        if (outOfService) {
            return;
        }
        restartIdle();
        long mine = ++scanSeq;
        resetTimer.run();
        show(KioskScreen.of(KioskScreen.Kind.CHECKING));
        gateway.checkIn(membershipNumber).whenComplete((outcome, failure) -> ui.execute(() -> {
            if (mine == scanSeq && !outOfService) {
                answered(outcome, failure);
            }
        }));
    }

    /** Any key or touch: the member is there. Leaves the attract screen and starts the idle wait again. */
    public void activity() {
        restartIdle();
        if (screen.kind() == KioskScreen.Kind.ATTRACT) {
            show(KioskScreen.of(KioskScreen.Kind.READY));
        }
    }

    /** The connection changed: the dot, and out of service while the device session needs a sign-in. */
    public void connection(ConnectionSnapshot snapshot) {
        status = KioskStatus.of(snapshot);
        boolean refused = snapshot.state() == ConnectionState.AUTH_REQUIRED;
        if (refused && !outOfService) {
            outOfService = true;
            scanSeq++;
            resetTimer.run();
            idleTimer.run();
            screen = KioskScreen.of(KioskScreen.Kind.READY);
        }
        onChange.run();
    }

    /** Staff signed the device in again: back to "Scan your card". */
    public void signedIn() {
        outOfService = false;
        show(KioskScreen.of(KioskScreen.Kind.READY));
        restartIdle();
    }

    /** The clock moved on: the view redraws the time. */
    public void tick() {
        onChange.run();
    }

    private void answered(ScanOutcome outcome, Throwable failure) {
        KioskScreen result = failure != null || outcome == null ? text.failed() : text.describe(outcome);
        show(result);
        chime.play(switch (result.tone()) {
            case GREEN -> Chime.Cue.ADMITTED;
            case AMBER -> Chime.Cue.QUEUED;
            case RED, NEUTRAL -> Chime.Cue.REFUSED;
        });
        long mine = scanSeq;
        resetTimer = delay.schedule(RESULT_FOR, () -> {
            if (mine == scanSeq && screen.kind() == KioskScreen.Kind.RESULT) {
                show(KioskScreen.of(KioskScreen.Kind.READY));
                restartIdle();
            }
        });
    }

    private void restartIdle() {
        idleTimer.run();
        idleTimer = delay.schedule(IDLE_AFTER, () -> {
            if (!outOfService && screen.kind() == KioskScreen.Kind.READY) {
                show(KioskScreen.of(KioskScreen.Kind.ATTRACT));
            }
        });
    }

    private void show(KioskScreen next) {
        screen = next;
        onChange.run();
    }
}
