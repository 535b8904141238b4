package com.avgym.desk.viewmodel;

import com.avgym.client.HistoryQuery;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Hands out open futures, so each test decides when and with what the "server" answers, and in which order. */
final class FakeLookups implements Lookups {
    record Call<Q, T>(Q query, CompletableFuture<T> answer) {
    }

    final List<Call<String, Page<MemberView>>> searches = new ArrayList<>();
    final List<Call<String, MemberView>> members = new ArrayList<>();
    final List<Call<HistoryQuery, Page<CheckInView>>> histories = new ArrayList<>();
    /** The desk's member list while the server is away; by default the server can be asked (empty). */
    Function<String, Optional<OfflineMember>> offline = n -> Optional.empty();

    /** Search in the desk's member list while the server is away; by default the server is asked. */
    Function<String, Optional<OfflineMember.Search>> offlineSearch = q -> Optional.empty();

    @Override
    public CompletableFuture<Optional<OfflineMember.Search>> offlineSearch(String search, int perPage) {
        return CompletableFuture.completedFuture(offlineSearch.apply(search));
    }

    @Override
    public CompletableFuture<Optional<OfflineMember>> offlineMember(String membershipNumber) {
        return CompletableFuture.completedFuture(offline.apply(membershipNumber));
    }

    @Override
    public CompletableFuture<Page<MemberView>> searchMembers(String search, int perPage) {
        return add(searches, search);
    }

    @Override
    public CompletableFuture<MemberView> member(String membershipNumber) {
        return add(members, membershipNumber);
    }

    @Override
    public CompletableFuture<Page<CheckInView>> history(HistoryQuery query) {
        return add(histories, query);
    }

    Call<HistoryQuery, Page<CheckInView>> lastHistory() {
        return histories.getLast();
    }

    private static <Q, T> CompletableFuture<T> add(List<Call<Q, T>> calls, Q query) {
        CompletableFuture<T> f = new CompletableFuture<>();
        calls.add(new Call<>(query, f));
        return f;
    }
}
