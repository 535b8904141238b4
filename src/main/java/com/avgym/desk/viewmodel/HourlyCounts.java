package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.HourlyCheckIns;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart's counts: the server's answer for one date plus the check-ins seen live since. Each visit counts
 * once, whatever the number of times its event is delivered (a resync delivers held events again).
 */
final class HourlyCounts {
    enum Added {
        /** Counted in its hour. */
        COUNTED,
        /** Seen before: delivered again (after a resync). */
        ALREADY_COUNTED,
        /** No answer yet: the answer on its way may or may not hold it. */
        NOT_LOADED,
        /** Before the chart's date (a late queued scan, a replay): not today's chart. */
        EARLIER_DAY,
        /** After the chart's date: the gym's day has changed and the chart is out of date. */
        LATER_DAY
    }

    private LocalDate date;
    private int[] counts;
    /** Visits the counts hold (or the pending answer will), with their gym-local date. */
    private final Map<String, LocalDate> counted = new HashMap<>();

    void replace(HourlyCheckIns answer) {
        date = answer.date();
        counts = answer.counts().stream().mapToInt(Integer::intValue).toArray();
        counted.values().removeIf(d -> !d.equals(date));
    }

    Added add(CheckInView visit, ZoneId zone) {
        ZonedDateTime at = visit.checkInTime().atZone(zone);
        LocalDate day = at.toLocalDate();
        if (date != null && day.isBefore(date)) {
            return Added.EARLIER_DAY;
        }
        if (counted.putIfAbsent(visit.id(), day) != null) {
            return Added.ALREADY_COUNTED;
        }
        if (date == null) {
            return Added.NOT_LOADED;
        }
        if (day.isAfter(date)) {
            return Added.LATER_DAY;
        }
        counts[at.getHour()]++;
        return Added.COUNTED;
    }

    HourlyChart view(String error) {
        return new HourlyChart(date, counts == null ? List.of() : Arrays.stream(counts).boxed().toList(), error);
    }
}
