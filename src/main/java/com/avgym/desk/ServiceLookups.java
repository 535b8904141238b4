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
import com.avgym.client.ConnectionState;
import com.avgym.client.RosterStore;
import com.avgym.desk.viewmodel.OfflineMember;
import com.avgym.protocol.message.RosterEntry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The view-models' lookups (desk, history, dashboard, review items) through the connection service's
 * {@link com.avgym.client.Queries}, with its tokens and its read executor. While the server cannot be asked (the
 * connection neither LIVE nor BACKUP), member search and the member card answer from the service's member roster
 * at once ({@link #offlineSearch}, {@link #offlineMember}) instead of waiting for the server for the whole outage.
 */
final class ServiceLookups implements Lookups, DashboardQueries, PhotoSource, ReviewQueries {
    private final ConnectionService service;
    /** The gym's clock and zone: whether a membership is current today. */
    private final Clock gymClock;
    /** The roster is SQLite on disk: read off the UI thread, one read at a time. */
    private final Executor rosterReads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "desk-roster-lookup");
        t.setDaemon(true);
        return t;
    });

    ServiceLookups(ConnectionService service, Clock gymClock) {
        this.service = service;
        this.gymClock = gymClock;
    }

    @Override
    public CompletableFuture<Page<MemberView>> searchMembers(String search, int perPage) {
        return queries().searchMembers(search, perPage);
    }

    @Override
    public CompletableFuture<Optional<OfflineMember.Search>> offlineSearch(String search, int perPage) {
        RosterStore roster = offlineRoster();
        if (roster == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                RosterStore.State state = roster.state();
                if (!state.synced()) {
                    return Optional.empty();
                }
                return Optional.of(new OfflineMember.Search(
                        roster.search(search, perPage).stream().map(this::view).toList(), state.syncedAt()));
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, rosterReads);
    }

    @Override
    public CompletableFuture<Optional<OfflineMember>> offlineMember(String membershipNumber) {
        RosterStore roster = offlineRoster();
        if (roster == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                RosterStore.State state = roster.state();
                if (!state.synced()) {
                    return Optional.empty();
                }
                return Optional.of(new OfflineMember(roster.byNumber(membershipNumber).map(this::view).orElse(null),
                        state.syncedAt()));
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, rosterReads);
    }

    /** The roster, while the server cannot be asked; null while it can (or without a roster). */
    private RosterStore offlineRoster() {
        ConnectionState state = service.snapshot().state();
        return state == ConnectionState.LIVE || state == ConnectionState.BACKUP ? null : service.roster();
    }

    /** As the server's member view would say, from what the roster holds; the roster knows no visits or phone. */
    private MemberView view(RosterEntry e) {
        LocalDate today = LocalDate.now(gymClock);
        boolean current = e.membershipEnd() != null && !e.membershipEnd().isBefore(today);
        return new MemberView(e.memberId(), e.number(), e.name(), null, e.status(), e.plan(), e.membershipEnd(),
                current, null);
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
