package com.avgym.client;

import java.time.LocalDate;

/** One page of the history table: status filter, gym-local date range (inclusive, either end optional), search. */
public record HistoryQuery(Status status, LocalDate from, LocalDate to, String search, int page, int perPage) {
    public enum Status { IN, OUT, ALL }

    public HistoryQuery {
        if (page < 1 || perPage < 1) {
            throw new IllegalArgumentException("page and perPage start at 1");
        }
        status = status == null ? Status.ALL : status;
    }
}
