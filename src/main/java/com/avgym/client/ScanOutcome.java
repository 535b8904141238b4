package com.avgym.client;

import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ErrorPayload;

/** What became of a scan: the server confirmed it, refused it, or it waits in the offline queue. */
public sealed interface ScanOutcome {
    String clientRequestId();

    /** The server made the change (or had made it already: {@code result.duplicate()}). */
    record Confirmed(String clientRequestId, CommandResult result) implements ScanOutcome {
    }

    /** The server refused it for good (MEMBERSHIP_EXPIRED, ALREADY_CHECKED_IN...): show {@code error}. */
    record Rejected(String clientRequestId, ErrorPayload error) implements ScanOutcome {
    }

    /** Written to the offline queue; it will be sent when the server is back, and reported then. */
    record Queued(String clientRequestId, QueuedCommand command) implements ScanOutcome {
    }
}
