package com.avgym.protocol.message;

import com.avgym.protocol.OfflineVerdict;
import java.time.Instant;

/**
 * An offline decision the server disagrees with, for staff to look at. {@code kind}: "ADMITTED" (let in offline,
 * the server would have refused with {@code reason}) or "REFUSED" (turned away offline, the server would have let
 * the member in; {@code reason} is then "WOULD_ADMIT"). {@code checkInId} is the recorded visit of an ADMITTED
 * item, null for REFUSED. {@code acknowledgedAt}, {@code acknowledgedBy} and {@code note} are null while open.
 */
public record ReviewItem(String id, String kind, String reason, String message, String membershipNumber,
                         String memberName, OfflineVerdict offlineVerdict, Long rosterVersion, Instant occurredAt,
                         String location, String checkInId, Instant acknowledgedAt, String acknowledgedBy,
                         String note) {
}
