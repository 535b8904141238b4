package com.avgym.desk.viewmodel;

import com.avgym.protocol.OfflineVerdict;
import java.time.Instant;

/**
 * Words a decision the desk took from its member list while the server was away: for the result line ("Offline
 * check: membership ended") and the panel ("Offline check, member list from 10:42: membership active, let in").
 * The age of the list is always said, because an old list can be wrong about a member changed since.
 */
final class OfflineVerdictText {
    private final DeskDates dates;

    OfflineVerdictText(DeskDates dates) {
        this.dates = dates;
    }

    /** The panel's headline, read from across the desk. */
    static String headline(OfflineVerdict verdict) {
        return switch (verdict) {
            case ADMIT -> "Let in (offline check)";
            case REFUSE_EXPIRED -> "Membership ended";
            case REFUSE_INACTIVE -> "Account inactive";
            case UNKNOWN -> "Not in the member list";
        };
    }

    /** "membership active, let in", "membership ended", "account inactive", "card not in the member list". */
    static String finding(OfflineVerdict verdict) {
        return switch (verdict) {
            case ADMIT -> "membership active, let in";
            case REFUSE_EXPIRED -> "membership ended";
            case REFUSE_INACTIVE -> "account inactive";
            case UNKNOWN -> "card not in the member list";
        };
    }

    /** "Offline check, member list from 10:42: membership ended"; without a known age "Offline check: ...". */
    String panel(OfflineVerdict verdict, Instant rosterAsOf) {
        String age = rosterAsOf == null ? "" : ", member list from " + dates.dayTime(rosterAsOf);
        return "Offline check" + age + ": " + finding(verdict);
    }

    /** "Offline check: let in", "Offline check: membership ended": the result line, followed by what the scan waits for. */
    static String line(OfflineVerdict verdict) {
        return "Offline check: " + (verdict == OfflineVerdict.ADMIT ? "let in" : finding(verdict));
    }
}
