package com.avgym.client;

import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.RosterEntry;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The verdict for a check-in that was queued instead of answered, from the local roster: the member found by
 * number, the scan's date in the gym's zone, {@link OfflineVerdicts}. None (null) for check-outs, under
 * {@link OfflinePolicy#QUEUE_ONLY}, and while the device has never synced a roster: without one it cannot tell an
 * unknown card from a member it has not heard of yet, so it does not pretend to.
 */
record OfflineDecision(OfflineVerdict verdict, long rosterVersion, Instant rosterAsOf) {

    /** Runs on the disk thread (it reads the roster). */
    static OfflineDecision decide(CheckInCommand command, OfflinePolicy policy, ZoneId zone, RosterStore roster)
            throws SQLException {
        if (command == null || policy == OfflinePolicy.QUEUE_ONLY || roster == null) {
            return null;
        }
        RosterStore.State state = roster.state();
        if (!state.synced()) {
            return null;
        }
        RosterEntry entry = command.membershipNumber() != null && !command.membershipNumber().isBlank()
                ? roster.byNumber(command.membershipNumber()).orElse(null)
                : roster.byMemberId(command.memberId()).orElse(null);
        Instant at = command.occurredAt() != null ? command.occurredAt() : Instant.now();
        return new OfflineDecision(OfflineVerdicts.decide(entry, LocalDate.ofInstant(at, zone)), state.version(),
                state.syncedAt());
    }

    /** The command as it goes into the queue: carrying this verdict and the roster version it was taken with. */
    CheckInCommand applyTo(CheckInCommand command) {
        return command.withOfflineVerdict(verdict, rosterVersion);
    }
}
