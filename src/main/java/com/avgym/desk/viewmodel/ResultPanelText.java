package com.avgym.desk.viewmodel;

import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.ErrorPayload;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Words the result panel from a scan's outcome: from the error's {@code code} and {@code details}
 * (docs/PROTOCOL.md section 8), the number as read, and the time of the answer on {@code clock} in the desk's zone.
 */
public final class ResultPanelText {
    public static final String QUEUED = ScanResultText.QUEUED;
    public static final String SAVED_SIGN_IN = ScanResultText.SAVED_SIGN_IN;
    /** Between a queued offline decision's time and what it waits for: "Saved 10:42:05 · sign in to sync". */
    private static final String WAIT_SEPARATOR = " · ";
    private static final DateTimeFormatter ANSWER_TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

    private final Clock clock;
    private final DeskDates dates;
    private final ScanResultText lineWords;
    private final OfflineVerdictText verdicts;
    private final ReviewWords reviews;

    public ResultPanelText(Clock clock) {
        this.clock = clock;
        this.dates = new DeskDates(clock);
        this.lineWords = new ScanResultText(clock);
        this.verdicts = new OfflineVerdictText(dates);
        this.reviews = new ReviewWords(dates);
    }

    public PanelResult pending(ScanKind kind, String number) {
        return new PanelResult(PanelResult.Tone.PENDING, kind == ScanKind.CHECK_IN ? "Checking in..." : "Checking out...",
                "", "", key(number), read(number), "", "Waiting for the server", false, false);
    }

    /**
     * The answer to the newest scan. {@code signInNeeded}: the session has expired (AUTH_REQUIRED), so a queued
     * scan waits for a person to sign in, not for the server.
     */
    public PanelResult answered(ScanKind kind, String number, ScanOutcome outcome, boolean signInNeeded) {
        return switch (outcome) {
            case ScanOutcome.Confirmed c when ScanResultText.needsReview(c) -> flagged(number, c.result().checkIn());
            case ScanOutcome.Confirmed c -> confirmed(kind, number, c.result().checkIn());
            case ScanOutcome.Rejected r -> rejected(kind, number, r.error());
            case ScanOutcome.Queued q when q.verdict() != null -> offline(number, q, signInNeeded);
            case ScanOutcome.Queued q -> signInNeeded
                    ? panel(PanelResult.Tone.QUEUED, "Saved", "", number, SAVED_SIGN_IN, false)
                    : panel(PanelResult.Tone.QUEUED, "Queued", "", number, QUEUED, false);
        };
    }

    /**
     * A queued panel worded again for what it now waits for; its number and time stay. An offline decision keeps
     * its headline and words; only the wait after its time changes.
     */
    public PanelResult requeued(PanelResult shown, boolean signInNeeded) {
        if (shown.tone() != PanelResult.Tone.QUEUED) {
            String saved = shown.answeredAt();
            int cut = saved.indexOf(WAIT_SEPARATOR);
            String time = cut < 0 ? saved : saved.substring(0, cut);
            return new PanelResult(shown.tone(), shown.headline(), shown.name(), shown.initials(), shown.photoKey(),
                    shown.numberRead(), time + WAIT_SEPARATOR + waitWords(signInNeeded), shown.advice(),
                    shown.overridable(), shown.faded());
        }
        return new PanelResult(PanelResult.Tone.QUEUED, signInNeeded ? "Saved" : "Queued", shown.name(), shown.initials(),
                shown.photoKey(), shown.numberRead(), shown.answeredAt(), signInNeeded ? SAVED_SIGN_IN : QUEUED,
                shown.overridable(), shown.faded());
    }

    /**
     * Decided from the member list: the panel says the decision with the list's age; green-amber for "let in" (not
     * the full green of the server's word), red for a refusal. Expired and inactive members may be let in anyway;
     * that override waits in the queue too.
     */
    private PanelResult offline(String number, ScanOutcome.Queued q, boolean signInNeeded) {
        boolean admit = q.verdict().admits();
        PanelResult p = panel(admit ? PanelResult.Tone.OFFLINE_ADMITTED : PanelResult.Tone.OFFLINE_REFUSED,
                OfflineVerdictText.headline(q.verdict()), "", number, verdicts.panel(q.verdict(), q.rosterAsOf()),
                q.verdict() == com.avgym.protocol.OfflineVerdict.REFUSE_EXPIRED
                        || q.verdict() == com.avgym.protocol.OfflineVerdict.REFUSE_INACTIVE);
        return new PanelResult(p.tone(), p.headline(), p.name(), p.initials(), p.photoKey(), p.numberRead(),
                p.answeredAt() + WAIT_SEPARATOR + waitWords(signInNeeded), p.advice(), p.overridable(), false);
    }

    private static String waitWords(boolean signInNeeded) {
        return signInNeeded ? "sign in to sync" : "syncs when the server is back";
    }

    /** The scan could not even be stored (disk failure): nothing was sent. */
    public PanelResult failed(String number) {
        return panel(PanelResult.Tone.ERROR, "Not saved", "", number, "Scan not saved: try again", false);
    }

    /**
     * A queued scan's later answer, replacing its "Queued" panel; the advice says it synced (or was refused on
     * arrival) in the same words as the result line ("Synced: Checked in: Jane Doe").
     */
    public PanelResult synced(ScanKind kind, String number, ScanOutcome outcome) {
        PanelResult answer = answered(kind, number, outcome, false);
        // A flagged visit's own words say more than "Synced: Checked in" would.
        String advice = outcome instanceof ScanOutcome.Confirmed c && ScanResultText.needsReview(c) ? answer.advice()
                : lineWords.synced(kind, outcome).text();
        return new PanelResult(answer.tone(), answer.headline(), answer.name(), answer.initials(), answer.photoKey(),
                answer.numberRead(), answer.answeredAt(), advice, answer.overridable(), false);
    }

    /** "JD" for "Jane Doe", "M" for "Madonna"; empty without a name. */
    public static String initials(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String[] words = name.strip().split("\\s+");
        String first = words[0].substring(0, 1);
        String last = words.length > 1 ? words[words.length - 1].substring(0, 1) : "";
        return (first + last).toUpperCase(Locale.ROOT);
    }

    private PanelResult confirmed(ScanKind kind, String number, CheckInView visit) {
        String name = visit == null ? "" : nonNull(visit.memberName());
        String shown = visit != null && visit.membershipNumber() != null ? visit.membershipNumber() : number;
        if (kind == ScanKind.CHECK_OUT) {
            return panel(PanelResult.Tone.ADMITTED, "Checked out", name, shown, "Goodbye: nothing else to do", false);
        }
        String advice = visit != null && visit.override() != null
                ? "Let in anyway (" + visit.override().reason() + ")"
                : "Welcome: let them in";
        return panel(PanelResult.Tone.ADMITTED, "Checked in", name, shown, advice, false);
    }

    /** A visit let in offline that the server would have refused: it is recorded, and staff should look at it. */
    private PanelResult flagged(String number, CheckInView visit) {
        String shown = visit.membershipNumber() != null ? visit.membershipNumber() : number;
        return panel(PanelResult.Tone.NOTICE, "Needs review", nonNull(visit.memberName()), shown,
                reviews.visit(visit.needsReview()) + ": listed under Needs review", false);
    }

    private PanelResult rejected(ScanKind kind, String number, ErrorPayload error) {
        Map<String, Object> d = error.details() != null ? error.details() : Map.of();
        String name = nonNull(text(d, "memberName"));
        String code = error.code() == null ? "" : error.code();
        boolean checkIn = kind == ScanKind.CHECK_IN;
        return switch (code) {
            case "MEMBERSHIP_EXPIRED" -> panel(PanelResult.Tone.REFUSED, "Membership expired", name, number,
                    expiredAdvice(text(d, "expiredOn")), checkIn);
            case "MEMBER_INACTIVE" -> panel(PanelResult.Tone.REFUSED, "Account inactive", name, number,
                    "Account is inactive: refer to the office or override", checkIn);
            case "MEMBER_NOT_FOUND" -> panel(PanelResult.Tone.REFUSED, "Member not found", "", number,
                    "No member with number " + number + " (as read): check the card or type the number", false);
            case "REFUSED_OFFLINE" -> panel(PanelResult.Tone.NOTICE, "Wrongly turned away", name, number,
                    "Turned away offline, but the server would have let them in: listed under Needs review", false);
            case "ALREADY_CHECKED_IN" -> panel(PanelResult.Tone.NOTICE, "Already checked in", name, number,
                    alreadyIn(text(d, "since"), text(d, "location")), false);
            case "NOT_CHECKED_IN" -> panel(PanelResult.Tone.NOTICE, "Not checked in", name, number,
                    "Nothing to check out: the member is not inside", false);
            case "OVERRIDE_REASON_REQUIRED" -> panel(PanelResult.Tone.ERROR, "Reason needed", name, number,
                    "Say why the member is let in anyway, then try again", false);
            default -> panel(PanelResult.Tone.ERROR, checkIn ? "Not checked in" : "Not checked out", name, number,
                    lineWords.rejected(error).text(), false);
        };
    }

    private String expiredAdvice(String expiredOn) {
        if (expiredOn == null) {
            return "No current membership: renew or override";
        }
        String day;
        try {
            day = dates.day(LocalDate.parse(expiredOn));
        } catch (DateTimeException e) {
            day = expiredOn;
        }
        return "Membership expired on " + day + ": renew or override";
    }

    private String alreadyIn(String since, String location) {
        StringBuilder sb = new StringBuilder("Inside");
        if (since != null) {
            try {
                sb.append(" since ").append(dates.time(Instant.parse(since)));
            } catch (DateTimeException e) {
                sb.append(" since ").append(since);
            }
        }
        if (location != null && !location.isBlank()) {
            sb.append(" at ").append(location);
        }
        return sb.append(": check out or let them be").toString();
    }

    private PanelResult panel(PanelResult.Tone tone, String headline, String name, String number, String advice,
                              boolean overridable) {
        return new PanelResult(tone, headline, name, initials(name), key(number), read(number),
                // A queued scan has no answer yet: the time says when the desk kept it.
                (tone.waitsInQueue() ? "Saved " : "Answered ")
                        + ANSWER_TIME.format(clock.instant().atZone(dates.zone())), advice,
                overridable && number != null && !number.isBlank(), false);
    }

    private static String read(String number) {
        return number == null || number.isBlank() ? "" : "Number read: " + number;
    }

    private static String key(String number) {
        return number == null || number.isBlank() ? null : number;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String text(Map<String, Object> details, String key) {
        Object v = details.get(key);
        return v == null ? null : v.toString();
    }
}
