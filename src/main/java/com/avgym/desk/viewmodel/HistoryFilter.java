package com.avgym.desk.viewmodel;

import com.avgym.client.HistoryQuery;
import com.avgym.protocol.message.CheckInView;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The history screen's filters. {@link #matches} is the server's rule (VisitQueries.history) in Java, so a
 * live event lands on the page exactly when a reload would have put it there.
 */
public record HistoryFilter(HistoryQuery.Status status, LocalDate from, LocalDate to, String search) {
    public static final HistoryFilter ALL = new HistoryFilter(HistoryQuery.Status.ALL, null, null, "");

    public HistoryFilter {
        status = status == null ? HistoryQuery.Status.ALL : status;
        search = search == null ? "" : search.trim();
    }

    public HistoryQuery query(int page, int perPage) {
        return new HistoryQuery(status, from, to, search.isEmpty() ? null : search, page, perPage);
    }

    /** A "from" after "to" can match nothing; the screen says so instead of asking. */
    public boolean valid() {
        return from == null || to == null || !from.isAfter(to);
    }

    /** {@code zone} is the gym's: the date range is of the check-in's gym-local date, both ends inclusive. */
    public boolean matches(CheckInView v, ZoneId zone) {
        boolean statusOk = switch (status) {
            case IN -> v.open();
            case OUT -> !v.open();
            case ALL -> true;
        };
        LocalDate day = v.checkInTime().atZone(zone).toLocalDate();
        return statusOk && (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to))
                && (search.isEmpty() || contains(v.memberName()) || contains(v.membershipNumber()));
    }

    private boolean contains(String field) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT));
    }

    public HistoryFilter withStatus(HistoryQuery.Status s) {
        return new HistoryFilter(s, from, to, search);
    }

    public HistoryFilter withFrom(LocalDate d) {
        return new HistoryFilter(status, d, to, search);
    }

    public HistoryFilter withTo(LocalDate d) {
        return new HistoryFilter(status, from, d, search);
    }

    public HistoryFilter withSearch(String s) {
        return new HistoryFilter(status, from, to, s);
    }
}
