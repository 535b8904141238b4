package com.avgym.desk.viewmodel;

import com.avgym.client.QueuedCommand;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the dashboard asks for outside the live stream: the connection service's lookups in the app, a fake in
 * tests. Futures complete on some other thread; the view-model moves the answers to the UI thread itself.
 */
public interface DashboardQueries {
    /** Today's check-ins by gym-local hour, the server's idea of "today". */
    CompletableFuture<HourlyCheckIns> hourlyToday();

    CompletableFuture<List<ExpiringMembership>> expiring(int days);

    /** Scans this desk queued on disk, possibly in an earlier run: their events are ours when they arrive. */
    CompletableFuture<List<QueuedCommand>> pendingScans();
}
