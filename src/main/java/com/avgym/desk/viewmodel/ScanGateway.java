package com.avgym.desk.viewmodel;

import com.avgym.client.ScanOutcome;
import java.util.concurrent.CompletableFuture;

/**
 * Where the desk sends scans: the connection service in the app (with the desk's location), a fake in tests.
 * Futures complete on some other thread; the view-model moves the answer to the UI thread itself.
 */
public interface ScanGateway {
    CompletableFuture<ScanOutcome> checkIn(String membershipNumber);

    /** A check-in that lets in an expired or inactive member, with the reason staff gave ("Let in anyway"). */
    CompletableFuture<ScanOutcome> letIn(String membershipNumber, String reason);

    /**
     * True while the session has expired (AUTH_REQUIRED): a queued scan then waits for a sign-in, not for the
     * server. Read on the UI thread.
     */
    default boolean signInNeeded() {
        return false;
    }

    /** One of the two is set: a visit id (from ALREADY_CHECKED_IN or a table row) or a membership number. */
    CompletableFuture<ScanOutcome> checkOut(String checkInId, String membershipNumber);
}
