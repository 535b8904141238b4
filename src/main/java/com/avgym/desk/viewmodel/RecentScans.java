package com.avgym.desk.viewmodel;

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

    /** One scan: {@code time} "HH:mm", {@code status} the result's status (its colour). */
    public record Entry(String time, String number, String result, ScanResult.Status status) {
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
        entries.addFirst(new Entry(dates.time(clock.instant()), number, "Sending...", ScanResult.Status.PENDING));
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
        Entry newest = entries.getFirst();
        entries.set(0, new Entry(newest.time(), newest.number(), r.text(), r.status()));
        changed();
    }

    private void changed() {
        List<Entry> now = entries();
        listeners.forEach(l -> l.accept(now));
    }
}
