package com.avgym.desk;

import com.avgym.client.ConnectionService;
import com.avgym.client.HistoryQuery;
import com.avgym.desk.viewmodel.Lookups;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Page;
import java.util.concurrent.CompletableFuture;

/** The view-models' lookups, through the connection service's {@link com.avgym.client.Queries} and its tokens. */
final class ServiceLookups implements Lookups {
    private final ConnectionService service;

    ServiceLookups(ConnectionService service) {
        this.service = service;
    }

    @Override
    public CompletableFuture<Page<MemberView>> searchMembers(String search, int perPage) {
        return service.queries().searchMembers(search, perPage);
    }

    @Override
    public CompletableFuture<MemberView> member(String membershipNumber) {
        return service.queries().member(membershipNumber);
    }

    @Override
    public CompletableFuture<Page<CheckInView>> history(HistoryQuery query) {
        return service.queries().history(query);
    }
}
