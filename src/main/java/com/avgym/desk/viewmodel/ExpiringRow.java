package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.ExpiringMembership;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One row of "memberships ending soon", worded for the table. */
public record ExpiringRow(String memberName, String membershipNumber, String plan, String endDate, String daysLeft) {
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    static ExpiringRow of(ExpiringMembership m) {
        return new ExpiringRow(m.fullName(), m.membershipNumber(), m.planName() == null ? "" : m.planName(),
                DAY_MONTH_YEAR.format(m.endDate()), daysLeft(m.daysLeft()));
    }

    private static String daysLeft(long days) {
        if (days <= 0) {
            return "ends today";
        }
        return days == 1 ? "1 day" : days + " days";
    }
}
