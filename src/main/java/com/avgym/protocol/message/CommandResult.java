package com.avgym.protocol.message;

/**
 * Payload of check_in_success / check_out_success and the REST 200/201 body. {@code duplicate} is true
 * when the clientRequestId was seen before and this is the stored first answer.
 */
public record CommandResult(String clientRequestId, CheckInView checkIn, Stats stats, boolean duplicate) {
    public CommandResult asDuplicate() {
        return new CommandResult(clientRequestId, checkIn, stats, true);
    }
}
