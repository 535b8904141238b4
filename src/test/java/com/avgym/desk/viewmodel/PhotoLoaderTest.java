package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.MemberPhoto;
import com.avgym.server.support.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One request per member at a time, none while a photo is fresh, the cached photo when the fetch fails. */
class PhotoLoaderTest {
    /** Open futures per request; the "cache" is what the last completed fetch brought. */
    private static final class FakeSource implements PhotoSource {
        final List<CompletableFuture<Optional<MemberPhoto>>> requests = new ArrayList<>();
        final Map<String, MemberPhoto> cache = new HashMap<>();

        @Override
        public CompletableFuture<Optional<MemberPhoto>> photo(String memberId) {
            CompletableFuture<Optional<MemberPhoto>> f = new CompletableFuture<>();
            requests.add(f);
            return f.thenApply(p -> {
                p.ifPresent(photo -> cache.put(memberId, photo));
                return p;
            });
        }

        @Override
        public Optional<MemberPhoto> cached(String memberId) {
            return Optional.ofNullable(cache.get(memberId));
        }
    }

    private final FakeSource source = new FakeSource();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final PhotoLoader loader = new PhotoLoader(source, clock);
    private final MemberPhoto photo = new MemberPhoto("m1", new byte[] {1, 2}, "\"a\"");

    @Test
    void concurrentAsksShareOneRequestAndAFreshPhotoNeedsNone() {
        var first = loader.load("m1");
        var second = loader.load("m1");
        assertThat(source.requests).hasSize(1);
        source.requests.getFirst().complete(Optional.of(photo));
        assertThat(first.join()).containsSame(photo);
        assertThat(second.join()).containsSame(photo);

        clock.advance(Duration.ofSeconds(59));
        assertThat(loader.load("m1").join()).containsSame(photo);
        assertThat(source.requests).as("fresh: from the cache").hasSize(1);

        clock.advance(Duration.ofSeconds(2));
        var later = loader.load("m1");
        assertThat(source.requests).as("stale: revalidated").hasSize(2);
        source.requests.get(1).complete(Optional.of(photo));
        assertThat(later.join()).containsSame(photo);
    }

    @Test
    void aFailedFetchFallsBackToTheCachedPhotoAndNoIdIsNoPhoto() {
        source.cache.put("m1", photo);
        var f = loader.load("m1");
        source.requests.getFirst().completeExceptionally(new IOException("server down"));
        assertThat(f.join()).containsSame(photo);
        assertThat(loader.load(null).join()).isEmpty();
        assertThat(source.requests).hasSize(1);
    }
}
