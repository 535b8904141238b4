package com.avgym.protocol.message;

import static com.avgym.protocol.Validatable.present;
import static com.avgym.protocol.Validatable.require;

import com.avgym.protocol.Validatable;
import java.time.Instant;

/** check_out command and POST /api/checkins/checkout/ body. One of checkInId or membershipNumber. */
public record CheckOutCommand(String clientRequestId, String checkInId, String membershipNumber, Instant occurredAt)
        implements Validatable {
    @Override
    public void validate() {
        require(present(clientRequestId) && clientRequestId.length() <= 100,
                "field 'clientRequestId' is required (at most 100 characters)");
        require(present(checkInId) || present(membershipNumber), "field 'checkInId' or 'membershipNumber' is required");
        require(checkInId == null || checkInId.length() <= 40, "field 'checkInId' is too long");
        require(membershipNumber == null || membershipNumber.length() <= 40, "field 'membershipNumber' is too long");
        require(Validatable.noNul(clientRequestId, checkInId, membershipNumber),
                "text fields must not contain the NUL character");
    }
}
