package com.avgym.desk.viewmodel;

import com.avgym.client.ScanOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The desk's scan gateway with a note of every scan in {@link OwnScans}, taken before the scan is sent so the
 * server's broadcast (which comes before its answer) already finds it.
 */
final class OwnScanGateway implements ScanGateway {
    private final ScanGateway gateway;
    private final OwnScans own;
    private final Executor uiThread;

    OwnScanGateway(ScanGateway gateway, OwnScans own, Executor uiThread) {
        this.gateway = gateway;
        this.own = own;
        this.uiThread = uiThread;
    }

    @Override
    public CompletableFuture<ScanOutcome> checkIn(String membershipNumber) {
        return noted(true, membershipNumber, () -> gateway.checkIn(membershipNumber));
    }

    @Override
    public CompletableFuture<ScanOutcome> letIn(String membershipNumber, String reason) {
        return noted(true, membershipNumber, () -> gateway.letIn(membershipNumber, reason));
    }

    @Override
    public boolean signInNeeded() {
        return gateway.signInNeeded();
    }

    @Override
    public CompletableFuture<ScanOutcome> checkOut(String checkInId, String membershipNumber) {
        return noted(false, checkInId != null ? checkInId : membershipNumber,
                () -> gateway.checkOut(checkInId, membershipNumber));
    }

    private CompletableFuture<ScanOutcome> noted(boolean checkIn, String key, Supplier<CompletableFuture<ScanOutcome>> send) {
        OwnScans.Scan scan = own.sent(checkIn, key);
        CompletableFuture<ScanOutcome> answer;
        try {
            answer = send.get();
        } catch (RuntimeException e) {
            own.failed(scan);
            throw e;
        }
        // Completes on the service thread just before it reports the answer to its listeners, so this reaches
        // the UI thread first and the scan has its request id by the time onScanResult looks for it.
        answer.whenComplete((outcome, error) -> uiThread.execute(() -> {
            if (error != null) {
                own.failed(scan);
            } else {
                own.outcome(scan, outcome);
            }
        }));
        return answer;
    }
}
