package com.avgym.client;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.Stats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The desk's copy of the server's figures and recent visits, kept by the connection service's events
 * in LIVE and BACKUP alike and replaced on every resync. Readers get immutable copies from any thread.
 */
public final class LiveData implements ClientListener {
    /** What the dashboard shows: stats and the newest visits first. */
    public record View(Stats stats, List<CheckInView> recent) {
    }

    private final int size;
    private final Consumer<View> onChange;
    private volatile View view = new View(new Stats(0, 0, 0), List.of());

    public LiveData(int size, Consumer<View> onChange) {
        this.size = size;
        this.onChange = onChange;
    }

    public View view() {
        return view;
    }

    @Override
    public void onStats(Stats stats) {
        set(new View(stats, view.recent()));
    }

    @Override
    public void onVisit(CheckInView visit, boolean checkedIn) {
        List<CheckInView> next = new ArrayList<>(view.recent());
        next.removeIf(v -> v.id().equals(visit.id()));
        next.add(visit);
        set(new View(view.stats(), newestFirst(next)));
    }

    @Override
    public void onResync(Stats stats, List<CheckInView> recent) {
        set(new View(stats, newestFirst(new ArrayList<>(recent))));
    }

    private List<CheckInView> newestFirst(List<CheckInView> visits) {
        visits.sort(Comparator.comparing(CheckInView::checkInTime).reversed().thenComparing(CheckInView::id));
        return List.copyOf(visits.subList(0, Math.min(size, visits.size())));
    }

    private void set(View next) {
        view = next;
        onChange.accept(next);
    }
}
