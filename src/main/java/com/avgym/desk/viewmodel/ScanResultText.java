package com.avgym.desk.viewmodel;

import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.ErrorPayload;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Words a scan's outcome for the desk, from the error's {@code code} and {@code details} (docs/PROTOCOL.md
 * section 8), never from the server's English {@code message} except as a last resort. Times are shown in
 * the desk's zone.
 */
public final class ScanResultText {
    public static final String QUEUED = "Queued: will sync when the server is back";
    /** Queued while the session has expired (AUTH_REQUIRED): it waits for a sign-in, not for the server. */
    public static final String SAVED_SIGN_IN = "Saved: sign in to sync";
    /** After a visit let in offline that the server would have refused: recorded, and listed for staff. */
    static final String NEEDS_REVIEW = " (needs review: see the dashboard)";

    private final DeskDates dates;

    /** {@code clock}'s zone is the desk's zone; its instant decides whether a date needs its year. */
    public ScanResultText(Clock clock) {
        this.dates = new DeskDates(clock);
    }

    public ScanResult pending(ScanKind kind, String number) {
        String verb = kind == ScanKind.CHECK_IN ? "Checking in " : "Checking out ";
        return ScanResult.of(ScanResult.Status.PENDING, verb + number + "...");
    }

    public ScanResult describe(ScanKind kind, ScanOutcome outcome) {
        return switch (outcome) {
            case ScanOutcome.Confirmed c -> ScanResult.of(ScanResult.Status.SUCCESS,
                    (kind == ScanKind.CHECK_IN ? "Checked in: " : "Checked out: ") + memberName(c.result().checkIn())
                            + (needsReview(c) ? NEEDS_REVIEW : ""));
            case ScanOutcome.Rejected r -> rejected(r.error());
            case ScanOutcome.Queued q -> queued(q, false);
        };
    }

    /**
     * As {@link #describe(ScanKind, ScanOutcome)}; a queued scan says it waits for a sign-in when one is needed,
     * after the offline decision when the desk took one ("Offline check: let in · Saved: sign in to sync").
     */
    public ScanResult describe(ScanKind kind, ScanOutcome outcome, boolean signInNeeded) {
        return outcome instanceof ScanOutcome.Queued q ? queued(q, signInNeeded) : describe(kind, outcome);
    }

    private static ScanResult queued(ScanOutcome.Queued q, boolean signInNeeded) {
        String waits = signInNeeded ? SAVED_SIGN_IN : QUEUED;
        return ScanResult.of(ScanResult.Status.QUEUED,
                q.verdict() == null ? waits : OfflineVerdictText.line(q.verdict()) + " · " + waits);
    }

    /**
     * A queued scan's answer, arriving after the desk said "Queued": the words say it synced (or that the
     * server refused it on arrival, which staff must see, e.g. a membership that expired meanwhile).
     */
    public ScanResult synced(ScanKind kind, ScanOutcome outcome) {
        ScanResult answer = describe(kind, outcome);
        return switch (answer.status()) {
            case SUCCESS -> new ScanResult(ScanResult.Status.SUCCESS, "Synced: " + answer.text(), answer.openCheckInId());
            case ERROR -> new ScanResult(ScanResult.Status.ERROR, "Not synced: " + answer.text(), answer.openCheckInId());
            default -> answer;
        };
    }

    /** The scan could not even be stored (disk failure): nothing was sent. */
    public ScanResult failed(Throwable cause) {
        return ScanResult.of(ScanResult.Status.ERROR, "Scan not saved: try again");
    }

    ScanResult rejected(ErrorPayload error) {
        Map<String, Object> d = error.details() != null ? error.details() : Map.of();
        String name = text(d, "memberName");
        String text = switch (error.code() == null ? "" : error.code()) {
            case "MEMBERSHIP_EXPIRED" -> expired(text(d, "expiredOn"), name);
            case "ALREADY_CHECKED_IN" -> alreadyIn(text(d, "since"), text(d, "location"));
            case "MEMBER_NOT_FOUND" -> "Member not found";
            case "REFUSED_OFFLINE" -> "Turned away offline, but the server would have let "
                    + (name != null ? name : "the member") + " in: see Needs review on the dashboard";
            case "MEMBER_INACTIVE" -> name != null ? name + "'s account is inactive" : "Member account is inactive";
            case "NOT_CHECKED_IN" -> name != null ? name + " is not checked in" : "Not checked in";
            case "FORBIDDEN" -> "Your account may not check members in";
            case "INVALID_MESSAGE", "INVALID_JSON", "UNKNOWN_TYPE" -> "Scan refused as invalid"
                    + (error.message() != null && !error.message().isBlank() ? ": " + error.message() : "");
            case "RATE_LIMITED" -> "Too many scans at once: try again";
            case "INTERNAL" -> "Server problem: try again";
            default -> error.message() != null && !error.message().isBlank() ? error.message() : "Scan refused";
        };
        String openId = "ALREADY_CHECKED_IN".equals(error.code()) ? text(d, "checkInId") : null;
        return new ScanResult(ScanResult.Status.ERROR, text, openId);
    }

    private String expired(String expiredOn, String name) {
        if (expiredOn == null) {
            return name != null ? name + " has no current membership" : "No current membership";
        }
        String day;
        try {
            day = dates.day(LocalDate.parse(expiredOn));
        } catch (DateTimeException e) {
            day = expiredOn;
        }
        // The result names the member: the card beside it may already show someone else.
        return name != null ? name + ": membership expired on " + day : "Membership expired on " + day;
    }

    private String alreadyIn(String since, String location) {
        StringBuilder sb = new StringBuilder("Already checked in");
        if (since != null) {
            try {
                sb.append(" at ").append(dates.time(Instant.parse(since)));
            } catch (DateTimeException e) {
                sb.append(" since ").append(since);
            }
        }
        if (location != null && !location.isBlank()) {
            sb.append(" at ").append(location);
        }
        return sb.toString();
    }

    static boolean needsReview(ScanOutcome.Confirmed c) {
        return c.result().checkIn() != null && c.result().checkIn().needsReview() != null;
    }

    private static String memberName(CheckInView visit) {
        if (visit == null) {
            return "member";
        }
        return visit.memberName() != null ? visit.memberName() : visit.membershipNumber();
    }

    private static String text(Map<String, Object> details, String key) {
        Object v = details.get(key);
        return v == null ? null : v.toString();
    }
}
