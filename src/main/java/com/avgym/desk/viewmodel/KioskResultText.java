package com.avgym.desk.viewmodel;

import com.avgym.client.ScanOutcome;
import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.ErrorPayload;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Words a scan's outcome for the member at a kiosk: by first name on a welcome, in the member's own terms on a
 * refusal ("Your membership ended on 3 March", never MEMBERSHIP_EXPIRED), and always "please see the front desk"
 * when the door stays shut. A scan decided offline from the roster says so only as "Checked in offline".
 */
public final class KioskResultText {
    public static final String WELCOME_DETAIL = "Enjoy your workout";
    public static final String OFFLINE_ADMIT = "Checked in offline";
    public static final String SAVED = "Scan saved, we will confirm it shortly";
    public static final String NOT_RECOGNISED = "Card not recognised";
    public static final String NOT_ACTIVE = "Your account is not active";
    public static final String ALREADY_IN = "You are already checked in";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM", Locale.UK);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final java.time.Clock clock;

    /** {@code clock}'s date decides whether an end date needs its year. */
    public KioskResultText(java.time.Clock clock) {
        this.clock = clock;
    }

    public KioskScreen describe(ScanOutcome outcome) {
        return switch (outcome) {
            case ScanOutcome.Confirmed c -> welcome(c.result() == null ? null : c.result().checkIn());
            case ScanOutcome.Rejected r -> rejected(r.error());
            case ScanOutcome.Queued q -> queued(q.verdict());
        };
    }

    /** The scan could not even be saved (a disk failure): the member must go to the desk. */
    public KioskScreen failed() {
        return refused("We could not check you in");
    }

    private static KioskScreen welcome(CheckInView visit) {
        String first = visit == null ? null : firstName(visit.memberName());
        return KioskScreen.result(KioskScreen.Tone.GREEN, first == null ? "Welcome" : "Welcome, " + first,
                WELCOME_DETAIL, visit == null ? null : visit.memberId());
    }

    private KioskScreen rejected(ErrorPayload error) {
        Map<String, Object> d = error.details() != null ? error.details() : Map.of();
        return switch (error.code() == null ? "" : error.code()) {
            case "MEMBERSHIP_EXPIRED" -> refused(ended(d.get("expiredOn")));
            case "MEMBER_NOT_FOUND" -> refused(NOT_RECOGNISED);
            case "MEMBER_INACTIVE" -> refused(NOT_ACTIVE);
            case "ALREADY_CHECKED_IN" -> KioskScreen.result(KioskScreen.Tone.AMBER, ALREADY_IN, "", null);
            default -> refused("We could not check you in");
        };
    }

    /** Decided from the roster while the server was away; without a verdict the scan only waits. */
    private static KioskScreen queued(OfflineVerdict verdict) {
        if (verdict == null) {
            return KioskScreen.result(KioskScreen.Tone.AMBER, SAVED, "", null);
        }
        return switch (verdict) {
            case ADMIT -> KioskScreen.result(KioskScreen.Tone.AMBER, OFFLINE_ADMIT, WELCOME_DETAIL, null);
            case REFUSE_EXPIRED -> refused("Your membership has ended");
            case REFUSE_INACTIVE -> refused(NOT_ACTIVE);
            case UNKNOWN -> refused(NOT_RECOGNISED);
        };
    }

    private String ended(Object expiredOn) {
        if (expiredOn == null) {
            return "You have no current membership";
        }
        try {
            LocalDate day = LocalDate.parse(expiredOn.toString());
            boolean thisYear = day.getYear() == LocalDate.now(clock).getYear();
            return "Your membership ended on " + (thisYear ? DAY : DAY_YEAR).format(day);
        } catch (DateTimeException e) {
            return "Your membership has ended";
        }
    }

    private static KioskScreen refused(String headline) {
        return KioskScreen.result(KioskScreen.Tone.RED, headline, KioskScreen.PLEASE_SEE_DESK, null);
    }

    private static String firstName(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            return null;
        }
        return fullName.strip().split("\\s+", 2)[0];
    }
}
