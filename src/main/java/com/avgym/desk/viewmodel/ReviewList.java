package com.avgym.desk.viewmodel;

import java.util.List;

/** The "Needs review (N)" list as the dashboard shows it; {@code error}: the last refresh failed (rows are the last known). */
public record ReviewList(String heading, List<ReviewRow> rows, String error) {
    public int count() {
        return rows.size();
    }
}
