package com.avgym.desk;

import com.avgym.client.ConnectionService;
import com.avgym.client.Queries;
import com.avgym.client.QueuedCommand;
import com.avgym.desk.viewmodel.DashboardQueries;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The dashboard's lookups through the connection service (its tokens, its read executor). */
final class ServiceDashboardQueries implements DashboardQueries {
    private final ConnectionService service;

    ServiceDashboardQueries(ConnectionService service) {
        this.service = service;
    }

    @Override
    public CompletableFuture<HourlyCheckIns> hourlyToday() {
        return queries().hourly(null);
    }

    @Override
    public CompletableFuture<List<ExpiringMembership>> expiring(int days) {
        return queries().expiring(days);
    }

    @Override
    public CompletableFuture<List<QueuedCommand>> pendingScans() {
        return service.pendingScans();
    }

    private Queries queries() {
        Queries queries = service.queries();
        if (queries == null) {
            throw new IllegalStateException("this backend has no lookups");
        }
        return queries;
    }
}
