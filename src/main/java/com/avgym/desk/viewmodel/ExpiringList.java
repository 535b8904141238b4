package com.avgym.desk.viewmodel;

import java.util.List;

/** The expiring-memberships table and the last lookup's failure (null when it worked), shown over the kept rows. */
public record ExpiringList(List<ExpiringRow> rows, String error) {
    public ExpiringList {
        rows = List.copyOf(rows);
    }
}
