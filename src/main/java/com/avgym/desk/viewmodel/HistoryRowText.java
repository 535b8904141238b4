package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.CheckInView;
import java.time.Clock;
import java.time.Duration;

/** Words visits for the history table and its paging line. */
public final class HistoryRowText {
    public static final String INSIDE = "inside";
    public static final String AUTO_CLOSED = "auto-closed";
    public static final String LET_IN = "let in anyway: ";
    public static final String NEEDS_REVIEW = "needs review";
    private final DeskDates dates;
    private final ReviewWords reviews;

    public HistoryRowText(Clock clock) {
        this.dates = new DeskDates(clock);
        this.reviews = new ReviewWords(dates);
    }

    public HistoryRow row(CheckInView v, boolean pending) {
        // Always the date too: a page mixes days, and "09:12" alone reads as today.
        String in = dates.day(dates.dateOf(v.checkInTime())) + " " + dates.time(v.checkInTime());
        String out = v.open() ? INSIDE
                : dates.dateOf(v.checkOutTime()).equals(dates.dateOf(v.checkInTime())) ? dates.time(v.checkOutTime())
                : dates.dayTime(v.checkOutTime());
        String stay = v.open() ? "" : duration(Duration.between(v.checkInTime(), v.checkOutTime()));
        return new HistoryRow(v.id(), v.memberName(), v.membershipNumber(), in, out, stay,
                v.location() == null ? "" : v.location(), note(v), v.open(), pending,
                v.memberId(), v.needsReview() == null ? null : reviews.visit(v.needsReview()));
    }

    /**
     * "auto-closed", for a visit let in despite its membership "let in anyway: Guest pass (desk)", and first
     * "needs review" for one let in offline that the server would have refused (the reason is the row's tooltip).
     */
    static String note(CheckInView v) {
        String override = v.override() == null ? ""
                : LET_IN + v.override().reason() + (v.override().by() == null ? "" : " (" + v.override().by() + ")");
        String note = v.autoClosed() ? (override.isEmpty() ? AUTO_CLOSED : AUTO_CLOSED + "; " + override) : override;
        if (v.needsReview() != null) {
            return note.isEmpty() ? NEEDS_REVIEW : NEEDS_REVIEW + "; " + note;
        }
        return note;
    }

    /** "45 min", "1 h 05 min". */
    static String duration(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        return minutes < 60 ? minutes + " min" : "%d h %02d min".formatted(minutes / 60, minutes % 60);
    }

    /** "page 2 of 7 · 134 visits". */
    public static String paging(int page, int pages, long total) {
        if (total == 0) {
            return "no visits";
        }
        return "page " + page + " of " + pages + " · " + total + (total == 1 ? " visit" : " visits");
    }
}
