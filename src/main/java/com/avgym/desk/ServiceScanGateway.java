package com.avgym.desk;

import com.avgym.client.ConnectionService;
import com.avgym.client.ConnectionState;
import com.avgym.client.ScanOutcome;
import com.avgym.desk.viewmodel.ScanGateway;
import com.avgym.protocol.message.OverrideRequest;
import java.util.concurrent.CompletableFuture;

/** Sends the desk's scans through the connection service, stamped with this desk's location. */
final class ServiceScanGateway implements ScanGateway {
    private final ConnectionService service;
    private final String location;

    ServiceScanGateway(ConnectionService service, String location) {
        this.service = service;
        this.location = location;
    }

    @Override
    public CompletableFuture<ScanOutcome> checkIn(String membershipNumber) {
        return service.checkIn(membershipNumber, location, null);
    }

    @Override
    public CompletableFuture<ScanOutcome> letIn(String membershipNumber, String reason) {
        return service.checkIn(membershipNumber, location, null, new OverrideRequest(reason));
    }

    @Override
    public boolean signInNeeded() {
        return service.snapshot().state() == ConnectionState.AUTH_REQUIRED;
    }

    @Override
    public CompletableFuture<ScanOutcome> checkOut(String checkInId, String membershipNumber) {
        return service.checkOut(checkInId, membershipNumber);
    }
}
