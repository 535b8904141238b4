package com.avgym.desk.viewmodel;

import com.avgym.client.HistoryQuery;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Page;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The read calls behind member search, the member card and history: {@link com.avgym.client.Queries} in the
 * app, open futures in tests. Futures complete off the UI thread; view-models move answers back themselves.
 */
public interface Lookups {
    CompletableFuture<Page<MemberView>> searchMembers(String search, int perPage);

    CompletableFuture<MemberView> member(String membershipNumber);

    CompletableFuture<Page<CheckInView>> history(HistoryQuery query);

    /**
     * The member from the desk's member list, at once, while the server cannot be asked (the connection is neither
     * LIVE nor BACKUP); empty when the server can be asked or there is no list to answer from.
     */
    default CompletableFuture<Optional<OfflineMember>> offlineMember(String membershipNumber) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** Member search from the desk's member list, under the same rule as {@link #offlineMember}. */
    default CompletableFuture<Optional<OfflineMember.Search>> offlineSearch(String search, int perPage) {
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
