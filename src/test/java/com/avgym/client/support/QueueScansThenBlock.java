package com.avgym.client.support;

import com.avgym.client.ClientConfig;
import com.avgym.client.ConnectionService;
import com.avgym.client.ScanOutcome;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Run in a separate JVM by ClientKillTest: a desk whose server is unreachable queues {@code count}
 * check-ins (M0001...), prints one "SCAN id member occurredAt" line each and "QUEUED n" once all were
 * answered Queued, then blocks until it is killed.
 *
 * <p>Arguments: queue file, unreachable port, count.
 */
public final class QueueScansThenBlock {
    private QueueScansThenBlock() {
    }

    public static void main(String[] args) throws Exception {
        Path queueFile = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        ConnectionService service = ConnectionService.create(ClientConfig.defaults(URI.create("http://127.0.0.1:" + port), queueFile)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .withPollInterval(Duration.ofMillis(300))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        service.start("not-a-token", "not-a-token"); // tries the dead port again and again
        List<CompletableFuture<ScanOutcome>> futures = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            futures.add(service.checkIn("M%04d".formatted(n), "Front desk", "queued before the kill"));
        }
        int queued = 0;
        for (CompletableFuture<ScanOutcome> f : futures) {
            if (f.get(30, TimeUnit.SECONDS) instanceof ScanOutcome.Queued q) {
                queued++;
                System.out.println("SCAN " + q.clientRequestId() + " " + q.command().checkIn().membershipNumber() + " "
                        + q.command().checkIn().occurredAt());
            }
        }
        System.out.println("QUEUED " + queued);
        System.out.flush();
        new CompletableFuture<Void>().join(); // block until killed
    }
}
