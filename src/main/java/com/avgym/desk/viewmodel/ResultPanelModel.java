package com.avgym.desk.viewmodel;

import com.avgym.client.ScanOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The result panel of the check-in desk: one answer at a time, the newest scan's, replacing the one before (never
 * stacked). An answer plays its sound once and fades to neutral {@link #FADE_AFTER} later, so an old result next
 * to a different member's card is not read as current. Told by {@link ResultLine} which scan is newest.
 *
 * <p>Used on the UI thread; {@code delay} is the JavaFX clock in the app and a manual one in tests.
 */
public final class ResultPanelModel implements ResultLine.Observer {
    public static final Duration FADE_AFTER = Duration.ofSeconds(10);

    private final ResultPanelText words;
    private final UiDelay delay;
    private final Chime chime;
    private final BooleanSupplier signInNeeded;
    private final List<Consumer<PanelResult>> listeners = new CopyOnWriteArrayList<>();
    private PanelResult shown = PanelResult.idle();
    private Runnable cancelFade = () -> { };
    /** The number of the scan shown, for its later (synced) answer. */
    private String number;

    public ResultPanelModel(ResultPanelText words, UiDelay delay, Chime chime, BooleanSupplier signInNeeded) {
        this.words = Objects.requireNonNull(words);
        this.delay = Objects.requireNonNull(delay);
        this.chime = Objects.requireNonNull(chime);
        this.signInNeeded = Objects.requireNonNull(signInNeeded);
    }

    public PanelResult shown() {
        return shown;
    }

    public void addListener(Consumer<PanelResult> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<PanelResult> listener) {
        listeners.remove(listener);
    }

    /** The connection changed: a queued answer says again what it waits for (sign-in or server); no sound, same fade. */
    public void connectionChanged() {
        if (shown.tone().waitsInQueue()) {
            shown = words.requeued(shown, signInNeeded.getAsBoolean());
            PanelResult now = shown;
            listeners.forEach(l -> l.accept(now));
        }
    }

    /** Back to the idle panel (Esc). */
    public void clear() {
        number = null;
        show(PanelResult.idle(), false);
    }

    @Override
    public void pending(ScanKind kind, String label) {
        number = label;
        show(words.pending(kind, label), false);
    }

    @Override
    public void answered(ScanKind kind, String label, ScanOutcome outcome) {
        PanelResult p = outcome == null ? words.failed(label) : words.answered(kind, label, outcome, signInNeeded.getAsBoolean());
        show(p, true);
        chime.play(cue(p.tone()));
    }

    @Override
    public void synced(ScanKind kind, ScanOutcome outcome) {
        show(words.synced(kind, number, outcome), true);
    }

    private void show(PanelResult next, boolean fades) {
        cancelFade.run();
        cancelFade = () -> { };
        shown = next;
        if (fades) {
            cancelFade = delay.schedule(FADE_AFTER, () -> {
                cancelFade = () -> { };
                if (shown == next) {
                    set(next.fadedCopy());
                }
            });
        }
        set(next);
    }

    private void set(PanelResult p) {
        shown = p;
        listeners.forEach(l -> l.accept(p));
    }

    private static Chime.Cue cue(PanelResult.Tone tone) {
        return switch (tone) {
            // An offline decision sounds like the decision: staff act on "in" or "not in", not on how it was reached.
            case ADMITTED, OFFLINE_ADMITTED -> Chime.Cue.ADMITTED;
            case QUEUED -> Chime.Cue.QUEUED;
            default -> Chime.Cue.REFUSED;
        };
    }
}
