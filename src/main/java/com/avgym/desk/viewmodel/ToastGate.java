package com.avgym.desk.viewmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps toasts from piling up: one at a time, and what arrives while one shows is summed up in the next
 * ("5 more check-ins") once it has gone. An event seen twice (delivered again after a resync) shows once.
 */
final class ToastGate {
    private static final int REMEMBERED = 200;
    private final Duration visibleFor;
    private final Set<String> seen = new LinkedHashSet<>();
    private Instant visibleUntil = Instant.MIN;
    private int waitingIns;
    private int waitingOuts;
    private String onlyWaiting;

    ToastGate(Duration visibleFor) {
        this.visibleFor = visibleFor;
    }

    /** {@code key} names the event (visit and direction); returns the toast to show now, if any. */
    Optional<Toast> offer(String key, String text, boolean checkedIn, Instant now) {
        if (!seen.add(key)) {
            return Optional.empty();
        }
        if (seen.size() > REMEMBERED) {
            Iterator<String> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        if (checkedIn) {
            waitingIns++;
        } else {
            waitingOuts++;
        }
        onlyWaiting = waitingIns + waitingOuts == 1 ? text : null;
        return tick(now);
    }

    /** Called every second or so: once the visible toast has gone, the next one (or the summary) is due. */
    Optional<Toast> tick(Instant now) {
        if (waitingIns + waitingOuts == 0 || now.isBefore(visibleUntil)) {
            return Optional.empty();
        }
        String text = onlyWaiting != null ? onlyWaiting : summary();
        waitingIns = 0;
        waitingOuts = 0;
        onlyWaiting = null;
        visibleUntil = now.plus(visibleFor);
        return Optional.of(new Toast(text, visibleFor));
    }

    private String summary() {
        if (waitingOuts == 0) {
            return waitingIns + " more " + plural(waitingIns, "check-in");
        }
        if (waitingIns == 0) {
            return waitingOuts + " more " + plural(waitingOuts, "check-out");
        }
        return waitingIns + " more " + plural(waitingIns, "check-in") + " and " + waitingOuts + " "
                + plural(waitingOuts, "check-out");
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }
}
