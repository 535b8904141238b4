package com.avgym.protocol.message;

import static com.avgym.protocol.Validatable.present;
import static com.avgym.protocol.Validatable.require;

import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.Validatable;
import java.time.Instant;

/**
 * check_in command and POST /api/checkins/ body. One of membershipNumber or memberId is required; {@code override}
 * (optional) lets in an expired or inactive member with a reason. A scan decided offline from the local roster
 * carries {@code offlineVerdict} and the {@code rosterVersion} it was decided with (both or neither).
 */
public record CheckInCommand(String clientRequestId, String membershipNumber, String memberId, String location,
                             String notes, Instant occurredAt, OverrideRequest override,
                             OfflineVerdict offlineVerdict, Long rosterVersion) implements Validatable {
    public static final int MAX_TEXT = 500;

    /** A check-in decided online (no offline verdict). */
    public CheckInCommand(String clientRequestId, String membershipNumber, String memberId, String location,
                          String notes, Instant occurredAt, OverrideRequest override) {
        this(clientRequestId, membershipNumber, memberId, location, notes, occurredAt, override, null, null);
    }

    /** A plain check-in, without override. */
    public CheckInCommand(String clientRequestId, String membershipNumber, String memberId, String location,
                          String notes, Instant occurredAt) {
        this(clientRequestId, membershipNumber, memberId, location, notes, occurredAt, null, null, null);
    }

    /** The same command, carrying the offline verdict it was decided with. */
    public CheckInCommand withOfflineVerdict(OfflineVerdict verdict, long version) {
        return new CheckInCommand(clientRequestId, membershipNumber, memberId, location, notes, occurredAt, override,
                verdict, version);
    }

    @Override
    public void validate() {
        require(present(clientRequestId) && clientRequestId.length() <= 100,
                "field 'clientRequestId' is required (at most 100 characters)");
        require(present(membershipNumber) || present(memberId), "field 'membershipNumber' or 'memberId' is required");
        require(membershipNumber == null || membershipNumber.length() <= 40, "field 'membershipNumber' is too long");
        require(memberId == null || memberId.length() <= 40, "field 'memberId' is too long");
        require(present(location) && location.length() <= 100, "field 'location' is required (at most 100 characters)");
        require(notes == null || notes.length() <= MAX_TEXT, "field 'notes' is too long");
        String reason = override == null ? null : override.reason();
        require(reason == null || reason.length() <= OverrideRequest.MAX_REASON,
                "field 'override.reason' is too long (at most " + OverrideRequest.MAX_REASON + " characters)");
        require((offlineVerdict == null) == (rosterVersion == null),
                "fields 'offlineVerdict' and 'rosterVersion' go together");
        require(rosterVersion == null || rosterVersion >= 0, "field 'rosterVersion' must be 0 or more");
        require(Validatable.noNul(clientRequestId, membershipNumber, memberId, location, notes, reason),
                "text fields must not contain the NUL character");
    }
}
