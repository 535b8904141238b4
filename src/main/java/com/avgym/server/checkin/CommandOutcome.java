package com.avgym.server.checkin;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.ErrorPayload;

/** The answer to a check-in or check-out command: REST and the socket both render it. */
public sealed interface CommandOutcome {

    /** {@code httpStatus} 201 when this call made the change, 200 for a repeated clientRequestId. */
    record Done(int httpStatus, CommandResult result) implements CommandOutcome {
    }

    record Refused(ErrorCode code, ErrorPayload error) implements CommandOutcome {
    }
}
