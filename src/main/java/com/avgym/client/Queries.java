package com.avgym.client;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Page;
import com.avgym.protocol.message.ReviewItem;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The desk's lookups (search, history, expiring memberships, the hourly chart, review items) with the connection
 * service's tokens. Each runs on the read executor, never on the caller's thread; an expired access token is
 * refreshed through the service once and the call repeated. Failures arrive as {@link ApiException} (the
 * server said no) or {@link IOException} (no answer) inside the future.
 */
public final class Queries {
    /** Where the calls get their tokens: the connection service, which alone refreshes them. */
    interface Tokens {
        CompletableFuture<String> current();

        /** A token newer than {@code stale}, refreshing if needed; fails when the session cannot be renewed. */
        CompletableFuture<String> newerThan(String stale);
    }

    @FunctionalInterface
    private interface Call<T> {
        T run(ReadApi api, String token) throws IOException, ApiException;
    }

    private final ReadApi api;
    private final Tokens tokens;
    private final Executor executor;
    private final PhotoCache photos = new PhotoCache();

    Queries(ReadApi api, Tokens tokens, Executor executor) {
        this.api = api;
        this.tokens = tokens;
        this.executor = executor;
    }

    public CompletableFuture<Page<MemberView>> searchMembers(String search, int perPage) {
        return call((a, t) -> a.members(t, search, perPage));
    }

    public CompletableFuture<MemberView> member(String membershipNumber) {
        return call((a, t) -> a.member(t, membershipNumber));
    }

    public CompletableFuture<List<ExpiringMembership>> expiring(int days) {
        return call((a, t) -> a.expiring(t, days));
    }

    public CompletableFuture<Page<CheckInView>> history(HistoryQuery query) {
        return call((a, t) -> a.history(t, query));
    }

    public CompletableFuture<HourlyCheckIns> hourly(LocalDate date) {
        return call((a, t) -> a.hourly(t, date));
    }

    /** Review items (offline decisions the server disagreed with), newest first; {@code openOnly}: not yet acknowledged. */
    public CompletableFuture<List<ReviewItem>> reviews(boolean openOnly) {
        return call((a, t) -> a.reviews(t, openOnly));
    }

    /** Acknowledges one review item with staff's note; the answer is the item as the server now holds it. */
    public CompletableFuture<ReviewItem> acknowledgeReview(String reviewId, String note) {
        return call((a, t) -> a.acknowledgeReview(t, reviewId, note));
    }

    /**
     * The member's photo, empty when the member has none. A photo fetched before is revalidated by its ETag:
     * the server answers 304 and the cached bytes are returned; a changed photo replaces them.
     */
    public CompletableFuture<Optional<MemberPhoto>> photo(String memberId) {
        return call((a, t) -> {
            Optional<MemberPhoto> cached = photos.get(memberId);
            try {
                MemberPhoto fresh = a.photo(t, memberId, cached.map(MemberPhoto::etag).orElse(null));
                if (fresh == null) {
                    return cached;
                }
                photos.put(fresh);
                return Optional.of(fresh);
            } catch (ApiException e) {
                if (!"PHOTO_NOT_FOUND".equals(e.code())) {
                    throw e;
                }
                photos.remove(memberId);
                return Optional.empty();
            }
        });
    }

    /** The photo fetched last for this member, without asking the server (to show at once, then revalidate). */
    public Optional<MemberPhoto> cachedPhoto(String memberId) {
        return photos.get(memberId);
    }

    private <T> CompletableFuture<T> call(Call<T> call) {
        return tokens.current().thenComposeAsync(token -> {
            try {
                return CompletableFuture.completedFuture(call.run(api, token));
            } catch (ApiException e) {
                if (e.status() != 401) {
                    return CompletableFuture.failedFuture(e);
                }
                return tokens.newerThan(token).thenApplyAsync(fresh -> unchecked(call, fresh), executor);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }, executor);
    }

    private <T> T unchecked(Call<T> call, String token) {
        try {
            return call.run(api, token);
        } catch (IOException | ApiException e) {
            throw new CompletionException(e);
        }
    }
}
