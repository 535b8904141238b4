package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.CheckInView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The newest visits, one entry per visit (a check-out replaces its check-in), newest change first. Events are
 * upserts by id, so an event delivered twice (after a resync) changes nothing.
 */
final class RecentActivity {
    private static final Comparator<CheckInView> NEWEST_FIRST = Comparator.comparing(VisitWords::lastChange)
            .reversed().thenComparing(CheckInView::id);
    private final int size;
    private List<CheckInView> visits = List.of();

    RecentActivity(int size) {
        this.size = size;
    }

    void upsert(CheckInView visit) {
        List<CheckInView> next = new ArrayList<>(visits);
        next.removeIf(v -> v.id().equals(visit.id()));
        next.add(visit);
        keep(next);
    }

    void replace(List<CheckInView> fresh) {
        keep(new ArrayList<>(fresh));
    }

    List<CheckInView> visits() {
        return visits;
    }

    private void keep(List<CheckInView> next) {
        next.sort(NEWEST_FIRST);
        visits = List.copyOf(next.subList(0, Math.min(size, next.size())));
    }
}
