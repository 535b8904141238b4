package com.avgym.client;

import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ErrorPayload;
import java.time.Instant;

/** What became of a scan: the server confirmed it, refused it, or it waits in the offline queue. */
public sealed interface ScanOutcome {
    String clientRequestId();

    /** The server made the change (or had made it already: {@code result.duplicate()}). */
    record Confirmed(String clientRequestId, CommandResult result) implements ScanOutcome {
    }

    /** The server refused it for good (MEMBERSHIP_EXPIRED, ALREADY_CHECKED_IN...): show {@code error}. */
    record Rejected(String clientRequestId, ErrorPayload error) implements ScanOutcome {
    }

    /**
     * Written to the offline queue; it will be sent when the server is back, and reported then. {@code verdict} is
     * the decision taken from the local roster (null when the device's offline policy decides nothing or the scan
     * is a check-out), {@code rosterAsOf} when that roster was last in step with the server (null without a
     * verdict).
     */
    record Queued(String clientRequestId, QueuedCommand command, OfflineVerdict verdict, Instant rosterAsOf)
            implements ScanOutcome {
        /** Queued without an offline decision. */
        public Queued(String clientRequestId, QueuedCommand command) {
            this(clientRequestId, command, null, null);
        }
    }
}
