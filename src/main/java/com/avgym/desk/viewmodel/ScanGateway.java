package com.avgym.desk.viewmodel;

import com.avgym.client.ScanOutcome;
import java.util.concurrent.CompletableFuture;

/**
 * Where the desk sends scans: the connection service in the app (with the desk's location), a fake in tests.
 * Futures complete on some other thread; the view-model moves the answer to the UI thread itself.
 */
public interface ScanGateway {
    CompletableFuture<ScanOutcome> checkIn(String membershipNumber);

    /** One of the two is set: a visit id (from ALREADY_CHECKED_IN or a table row) or a membership number. */
    CompletableFuture<ScanOutcome> checkOut(String checkInId, String membershipNumber);
}
