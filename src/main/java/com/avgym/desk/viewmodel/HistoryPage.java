package com.avgym.desk.viewmodel;

import com.avgym.client.HistoryQuery;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.Page;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * One page of history as loaded, with live events merged in. Rows are newest check-in first, as the server
 * orders them. Events are upserts by visit id, because the connection service may deliver one again after
 * a refetch.
 */
final class HistoryPage {
    private static final Comparator<CheckInView> NEWEST_FIRST =
            Comparator.comparing(CheckInView::checkInTime).reversed().thenComparing(CheckInView::id);

    private final HistoryFilter filter;
    private final int page;
    private final int perPage;
    private final List<CheckInView> rows;
    private long total;

    private HistoryPage(HistoryFilter filter, int page, int perPage, List<CheckInView> rows, long total) {
        this.filter = filter;
        this.page = page;
        this.perPage = perPage;
        this.rows = new ArrayList<>(rows);
        this.total = total;
    }

    static HistoryPage empty(int perPage) {
        return new HistoryPage(HistoryFilter.ALL, 1, perPage, List.of(), 0);
    }

    static HistoryPage loaded(HistoryFilter filter, Page<CheckInView> p) {
        return new HistoryPage(filter, p.page(), p.perPage(), p.results(), p.total());
    }

    List<CheckInView> rows() {
        return Collections.unmodifiableList(rows);
    }

    int page() {
        return page;
    }

    long total() {
        return total;
    }

    int pages() {
        return (int) Math.max(1, (total + perPage - 1) / perPage);
    }

    /**
     * A visit event. A row already on the page is replaced in place, whatever the filters (staff see what just
     * happened to it; the next load sorts it out). On page 1 a visit new to the filters is inserted where the
     * server would put it, if that is on this page; later pages only move on a reload, so rows do not shift
     * under the reader. Returns whether the page changed.
     */
    boolean apply(CheckInView visit, boolean checkedIn, ZoneId zone) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(visit.id())) {
                rows.set(i, visit);
                return true;
            }
        }
        // A check-in is a new visit; a check-out is new only to the "out" filter (elsewhere it was counted already).
        boolean newToFilter = checkedIn || filter.status() == HistoryQuery.Status.OUT;
        if (page != 1 || !newToFilter || !filter.matches(visit, zone)) {
            return false;
        }
        total++;
        int at = 0;
        while (at < rows.size() && NEWEST_FIRST.compare(rows.get(at), visit) < 0) {
            at++;
        }
        if (at >= perPage) {
            return true;
        }
        rows.add(at, visit);
        if (rows.size() > perPage) {
            rows.removeLast();
        }
        return true;
    }
}
