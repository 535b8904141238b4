package com.avgym.desk.viewmodel;

import java.time.LocalDate;
import java.util.List;

/**
 * What the chart shows: check-ins per gym-local hour of {@code date} (24 counts; empty before the first answer),
 * and the last lookup's failure ("Could not load: ...", null when it worked) shown beside the kept counts.
 */
public record HourlyChart(LocalDate date, List<Integer> counts, String error) {
    public HourlyChart {
        counts = List.copyOf(counts);
    }

    public boolean loaded() {
        return !counts.isEmpty();
    }
}
