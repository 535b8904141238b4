package com.avgym.desk;

import com.avgym.client.ConnectionService;
import com.avgym.client.HistoryQuery;
import com.avgym.client.Queries;
import com.avgym.client.QueuedCommand;
import com.avgym.desk.viewmodel.DashboardQueries;
import com.avgym.desk.viewmodel.Lookups;
import com.avgym.desk.viewmodel.PhotoSource;
import com.avgym.desk.viewmodel.ReviewQueries;
import com.avgym.protocol.message.ReviewItem;
import com.avgym.client.MemberPhoto;
import java.util.Optional;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Page;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The view-models' lookups (desk, history, dashboard, review items) through the connection service's
 * {@link com.avgym.client.Queries}, with its tokens and its read executor.
 */
final class ServiceLookups implements Lookups, DashboardQueries, PhotoSource, ReviewQueries {
    private final ConnectionService service;

    ServiceLookups(ConnectionService service) {
        this.service = service;
    }

    @Override
    public CompletableFuture<Page<MemberView>> searchMembers(String search, int perPage) {
        return queries().searchMembers(search, perPage);
    }

    @Override
    public CompletableFuture<MemberView> member(String membershipNumber) {
        return queries().member(membershipNumber);
    }

    @Override
    public CompletableFuture<Page<CheckInView>> history(HistoryQuery query) {
        return queries().history(query);
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

    @Override
    public CompletableFuture<Optional<MemberPhoto>> photo(String memberId) {
        return queries().photo(memberId);
    }

    @Override
    public Optional<MemberPhoto> cached(String memberId) {
        return queries().cachedPhoto(memberId);
    }

    @Override
    public CompletableFuture<List<ReviewItem>> openReviews() {
        return queries().reviews(true);
    }

    @Override
    public CompletableFuture<ReviewItem> acknowledgeReview(String reviewId, String note) {
        return queries().acknowledgeReview(reviewId, note);
    }

    private Queries queries() {
        Queries queries = service.queries();
        if (queries == null) {
            throw new IllegalStateException("this backend has no lookups");
        }
        return queries;
    }
}
