package com.avgym.desk.viewmodel;

import com.avgym.client.ScanOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last {@link #MAX} scans of this desk, newest first, for the strip on the check-in tab: the time it was sent,
 * the number, and what became of it (the result line's words, updated as the answer, or a later sync, arrives).
 * Fed by {@link CheckInDeskViewModel}: a number sent starts an entry, its results fill it. On the UI thread.
 */
public final class RecentScans {
    public static final int MAX = 10;

    /**
     * One scan: {@code time} "HH:mm", {@code name} the member's name once an answer names them (the number until
     * then, and for an unknown card), {@code status} the result's status (its colour).
     */
    public record Entry(String time, String number, String name, String result, ScanResult.Status status) {
        Entry withResult(ScanResult r) {
            return new Entry(time, number, name, r.text(), r.status());
        }

        Entry withName(String n) {
            return new Entry(time, number, n, result, status);
        }
    }

    private final Clock clock;
    private final DeskDates dates;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Consumer<List<Entry>>> listeners = new CopyOnWriteArrayList<>();

    public RecentScans(CheckInDeskViewModel desk, Clock clock) {
        this.clock = clock;
        this.dates = new DeskDates(clock);
        desk.addMemberListener(this::sent);
        desk.addListener(this::answered);
        desk.addAnswerListener(this::named);
        desk.panel().addListener(this::shown);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public void addListener(Consumer<List<Entry>> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<List<Entry>> listener) {
        listeners.remove(listener);
    }

    private void sent(String number) {
        entries.addFirst(new Entry(dates.time(clock.instant()), number, number, "Sending...", ScanResult.Status.PENDING));
        if (entries.size() > MAX) {
            entries.removeLast();
        }
        changed();
    }

    /** The result line speaks of the newest scan; Esc (IDLE) clears the line, not the history of scans. */
    private void answered(ScanResult r) {
        if (entries.isEmpty() || r.status() == ScanResult.Status.IDLE || r.status() == ScanResult.Status.PENDING) {
            return;
        }
        entries.set(0, entries.getFirst().withResult(r));
        changed();
    }

    /** The newest entry for this number gets the name the answer carries. */
    private void named(String number, ScanOutcome outcome) {
        String name = nameIn(outcome);
        if (name == null) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).number().equals(number)) {
                if (!entries.get(i).name().equals(name)) {
                    entries.set(i, entries.get(i).withName(name));
                    changed();
                }
                return;
            }
        }
    }

    /**
     * A queued scan's later answer ("Synced: ...") reaches only the result panel, which then names the member: the
     * entry for that number, still named by its number, takes the name.
     */
    private void shown(PanelResult p) {
        if (p.name() == null || p.name().isBlank() || p.photoKey() == null) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.number().equalsIgnoreCase(p.photoKey())) {
                if (e.name().equals(e.number())) {
                    entries.set(i, e.withName(p.name()));
                    changed();
                }
                return;
            }
        }
    }

    private static String nameIn(ScanOutcome outcome) {
        return switch (outcome) {
            case ScanOutcome.Confirmed c -> c.result() != null && c.result().checkIn() != null
                    ? c.result().checkIn().memberName() : null;
            case ScanOutcome.Rejected r -> r.error() != null && r.error().details() != null
                    && r.error().details().get("memberName") != null ? r.error().details().get("memberName").toString() : null;
            case ScanOutcome.Queued q -> null;
            case null -> null;
        };
    }

    private void changed() {
        List<Entry> now = entries();
        listeners.forEach(l -> l.accept(now));
    }
}
