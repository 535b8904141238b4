package com.avgym.client;

import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.RosterEntry;
import java.time.LocalDate;

/**
 * The door's decision from the local roster while the server is away, the same rule the server applies to a live
 * scan: an active member whose membership ends on the scan's day or later is admitted. Inactive wins over expired
 * (the server checks the account before the membership). Pure: no clock, no I/O.
 */
public final class OfflineVerdicts {
    private OfflineVerdicts() {
    }

    /** {@code entry} null: the roster does not hold the card. {@code today}: the scan's date in the gym's zone. */
    public static OfflineVerdict decide(RosterEntry entry, LocalDate today) {
        if (entry == null) {
            return OfflineVerdict.UNKNOWN;
        }
        if (!"active".equals(entry.status())) {
            return OfflineVerdict.REFUSE_INACTIVE;
        }
        if (entry.membershipEnd() == null || entry.membershipEnd().isBefore(today)) {
            return OfflineVerdict.REFUSE_EXPIRED;
        }
        return OfflineVerdict.ADMIT;
    }
}
