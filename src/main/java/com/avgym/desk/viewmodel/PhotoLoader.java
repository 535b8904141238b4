package com.avgym.desk.viewmodel;

import com.avgym.client.MemberPhoto;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The desk's one way to get a member's photo, for the card, the history rows and the result panel. A photo asked
 * for again within {@link #FRESH_FOR} comes from the cache without a request (history cells are redrawn on every
 * live update); later it is revalidated by ETag (a 304 costs no image bytes). Concurrent asks for one member share
 * one request. Plain Java: the view turns the bytes into an image.
 */
public final class PhotoLoader {
    static final Duration FRESH_FOR = Duration.ofSeconds(60);

    private final PhotoSource source;
    private final Clock clock;
    private final Map<String, Instant> checkedAt = new HashMap<>();
    private final Map<String, CompletableFuture<Optional<MemberPhoto>>> inFlight = new HashMap<>();

    public PhotoLoader(PhotoSource source, Clock clock) {
        this.source = Objects.requireNonNull(source);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The member's photo (empty: none, or it could not be fetched and none was cached). Completes off the UI thread. */
    public synchronized CompletableFuture<Optional<MemberPhoto>> load(String memberId) {
        if (memberId == null || memberId.isBlank()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<MemberPhoto>> running = inFlight.get(memberId);
        if (running != null) {
            return running;
        }
        Instant last = checkedAt.get(memberId);
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.plus(FRESH_FOR))) {
            return CompletableFuture.completedFuture(source.cached(memberId));
        }
        CompletableFuture<Optional<MemberPhoto>> fetch = source.photo(memberId)
                // Offline or refused: show what we had rather than nothing.
                .exceptionally(e -> source.cached(memberId));
        inFlight.put(memberId, fetch);
        fetch.whenComplete((p, e) -> done(memberId, now));
        return fetch;
    }

    /** The cached photo at once (to show before the revalidation answers). */
    public Optional<MemberPhoto> cached(String memberId) {
        return memberId == null ? Optional.empty() : source.cached(memberId);
    }

    private synchronized void done(String memberId, Instant asked) {
        inFlight.remove(memberId);
        checkedAt.put(memberId, asked);
    }
}
