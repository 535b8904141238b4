package com.avgym.protocol.message;

import java.time.LocalDate;
import java.util.List;

/**
 * Check-ins of one gym-local date by the hour of day they began: {@code counts.get(h)} is the number of
 * check-ins from h:00 to h:59 local time (24 entries; on a daylight-saving day a repeated hour adds up both).
 */
public record HourlyCheckIns(LocalDate date, List<Integer> counts) {
    public static final int HOURS = 24;

    public HourlyCheckIns {
        counts = List.copyOf(counts);
        if (counts.size() != HOURS) {
            throw new IllegalArgumentException("24 hourly counts expected, got " + counts.size());
        }
    }
}
