package com.avgym.protocol;

/**
 * What a desk or kiosk decided from its local member roster while the server could not be reached. ADMIT means the
 * member was let in; every other verdict means the member was turned away (the scan is still sent later, so the
 * server can list a wrong refusal). See docs/PROTOCOL.md, "Member roster and offline verdicts".
 */
public enum OfflineVerdict {
    /** Active member whose membership ends today or later. */
    ADMIT,
    /** Known member whose membership ended before the scan's day (or who has none). */
    REFUSE_EXPIRED,
    /** Known member whose account is inactive. */
    REFUSE_INACTIVE,
    /** A card number the roster does not hold. */
    UNKNOWN;

    public boolean admits() {
        return this == ADMIT;
    }
}
