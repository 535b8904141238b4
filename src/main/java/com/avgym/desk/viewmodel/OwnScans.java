package com.avgym.desk.viewmodel;

import com.avgym.client.QueuedCommand;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells this desk's own check-ins and check-outs from other desks', so only the others' make a toast.
 * The server broadcasts a command's event before it answers the command, so a scan that has no answer yet
 * must already count: a visit is ours when this desk has a scan of that member (or visit) waiting for its
 * answer or answered in the last {@link #ANSWERED}, or when its id came back in one of our answers (the
 * event can also arrive after the answer, by polling in BACKUP or in a replay).
 * Used on the UI thread only.
 */
final class OwnScans {
    static final Duration ANSWERED = Duration.ofSeconds(10);
    static final Duration CONFIRMED = Duration.ofMinutes(10);

    /** One scan; {@code key} is the membership number, or the visit id of a check-out by visit. */
    static final class Scan {
        private final boolean checkIn;
        private final String key;
        /** Known once the service has taken the scan (its future completed, or it came from the disk queue). */
        private String requestId;
        private Instant answeredAt;

        private Scan(boolean checkIn, String key, String requestId) {
            this.checkIn = checkIn;
            this.key = key;
            this.requestId = requestId;
        }

        private boolean names(CheckInView visit) {
            return key.equalsIgnoreCase(visit.membershipNumber()) || key.equals(visit.memberId())
                    || (!checkIn && key.equals(visit.id()));
        }
    }

    private final Clock clock;
    private final List<Scan> scans = new ArrayList<>();
    /** Visit ids (with the direction) that came back in our answers, and when. */
    private final Map<String, Instant> confirmed = new HashMap<>();

    OwnScans(Clock clock) {
        this.clock = clock;
    }

    Scan sent(boolean checkIn, String key) {
        Scan scan = new Scan(checkIn, key == null ? "" : key.trim(), null);
        scans.add(scan);
        return scan;
    }

    /** A scan left in the disk queue by an earlier run: the service will send it again. */
    void queued(QueuedCommand command) {
        String key = command.isCheckIn() ? command.checkIn().membershipNumber() : command.checkOut().checkInId();
        scans.add(new Scan(command.isCheckIn(), key != null ? key.trim() : String.valueOf(command.label()),
                command.clientRequestId()));
    }

    /** The scan never reached the queue or the server: nothing of it will come back. */
    void failed(Scan scan) {
        scans.remove(scan);
    }

    /** What the scan's future completed with: queued (still waiting), or the answer. */
    void outcome(Scan scan, ScanOutcome outcome) {
        scan.requestId = outcome.clientRequestId();
        if (!(outcome instanceof ScanOutcome.Queued)) {
            answered(scan, outcome);
        }
    }

    /** A queued scan's answer (ClientListener.onScanResult). */
    void answered(QueuedCommand command, ScanOutcome outcome) {
        if (outcome instanceof ScanOutcome.Queued) {
            return;
        }
        scans.stream().filter(s -> command.clientRequestId().equals(s.requestId)).findFirst()
                .ifPresentOrElse(s -> answered(s, outcome), () -> confirm(outcome, command.isCheckIn()));
    }

    boolean isOurs(CheckInView visit, boolean checkedIn) {
        Instant now = clock.instant();
        scans.removeIf(s -> s.answeredAt != null && now.isAfter(s.answeredAt.plus(ANSWERED)));
        confirmed.values().removeIf(at -> now.isAfter(at.plus(CONFIRMED)));
        return confirmed.containsKey(direction(visit.id(), checkedIn))
                || scans.stream().anyMatch(s -> s.checkIn == checkedIn && s.names(visit));
    }

    private void answered(Scan scan, ScanOutcome outcome) {
        if (scan.answeredAt == null) {
            scan.answeredAt = clock.instant();
        }
        confirm(outcome, scan.checkIn);
    }

    private void confirm(ScanOutcome outcome, boolean checkIn) {
        if (outcome instanceof ScanOutcome.Confirmed c && c.result().checkIn() != null) {
            confirmed.put(direction(c.result().checkIn().id(), checkIn), clock.instant());
        }
    }

    private static String direction(String visitId, boolean checkedIn) {
        return (checkedIn ? "in:" : "out:") + visitId;
    }
}
