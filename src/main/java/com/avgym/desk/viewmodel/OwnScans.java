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
    private static final class Scan {
        final boolean checkIn;
        final String key;
        Instant answeredAt;

        Scan(boolean checkIn, String key) {
            this.checkIn = checkIn;
            this.key = key;
        }

        boolean names(CheckInView visit) {
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

    void sent(boolean checkIn, String key) {
        if (key != null && !key.isBlank()) {
            scans.add(new Scan(checkIn, key.trim()));
        }
    }

    void queued(QueuedCommand command) {
        sent(command.isCheckIn(), key(command));
    }

    /** The scan never reached the queue or the server: nothing of it will come back. */
    void failed(boolean checkIn, String key) {
        waiting(checkIn, key == null ? "" : key.trim()).ifPresent(scans::remove);
    }

    void answered(QueuedCommand command, ScanOutcome outcome) {
        if (outcome instanceof ScanOutcome.Queued) {
            return;
        }
        Instant now = clock.instant();
        waiting(command.isCheckIn(), key(command)).ifPresent(s -> s.answeredAt = now);
        if (outcome instanceof ScanOutcome.Confirmed c && c.result().checkIn() != null) {
            confirmed.put(direction(c.result().checkIn().id(), command.isCheckIn()), now);
        }
    }

    boolean isOurs(CheckInView visit, boolean checkedIn) {
        Instant now = clock.instant();
        scans.removeIf(s -> s.answeredAt != null && now.isAfter(s.answeredAt.plus(ANSWERED)));
        confirmed.values().removeIf(at -> now.isAfter(at.plus(CONFIRMED)));
        return confirmed.containsKey(direction(visit.id(), checkedIn))
                || scans.stream().anyMatch(s -> s.checkIn == checkedIn && s.names(visit));
    }

    private java.util.Optional<Scan> waiting(boolean checkIn, String key) {
        return scans.stream().filter(s -> s.answeredAt == null && s.checkIn == checkIn && s.key.equalsIgnoreCase(key))
                .findFirst();
    }

    private static String key(QueuedCommand command) {
        String key = command.isCheckIn() ? command.checkIn().membershipNumber() : command.checkOut().checkInId();
        return key != null ? key.trim() : command.label();
    }

    private static String direction(String visitId, boolean checkedIn) {
        return (checkedIn ? "in:" : "out:") + visitId;
    }
}
