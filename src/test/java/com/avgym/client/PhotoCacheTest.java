package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@link Queries#photo}: the first fetch stores the photo with its ETag, the next asks with If-None-Match and
 * reuses the bytes on 304, a replaced photo replaces the cached one, and a member without a photo is empty.
 * Against the real server; a recording ReadApi shows what the server answered.
 */
class PhotoCacheTest {
    private static final long WAIT_S = 10;

    /** The real HTTP API, recording each photo call's If-None-Match and whether it came back 304. */
    private record Recording(HttpBackendApi real, List<String> calls) implements ReadApi {
        @Override
        public MemberPhoto photo(String t, String id, String ifNoneMatch) throws IOException, ApiException {
            MemberPhoto p = real.photo(t, id, ifNoneMatch);
            calls.add((ifNoneMatch == null ? "plain" : "conditional") + (p == null ? " 304" : " 200"));
            return p;
        }

        @Override
        public com.avgym.protocol.message.Page<com.avgym.protocol.message.MemberView> members(String t, String s, int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public com.avgym.protocol.message.MemberView member(String t, String n) throws IOException, ApiException {
            return real.member(t, n);
        }

        @Override
        public List<com.avgym.protocol.message.ExpiringMembership> expiring(String t, int days) {
            throw new UnsupportedOperationException();
        }

        @Override
        public com.avgym.protocol.message.Page<com.avgym.protocol.message.CheckInView> history(String t, HistoryQuery q) {
            throw new UnsupportedOperationException();
        }

        @Override
        public com.avgym.protocol.message.HourlyCheckIns hourly(String t, LocalDate date) {
            throw new UnsupportedOperationException();
        }
        @Override
        public com.avgym.protocol.message.RosterPage roster(String t, long since) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<com.avgym.protocol.message.ReviewItem> reviews(String t, boolean openOnly) {
            throw new UnsupportedOperationException();
        }

        @Override
        public com.avgym.protocol.message.ReviewItem acknowledgeReview(String t, String id, String note) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aPhotoIsRevalidatedByItsEtagAndReplacedWhenItChanges() throws Exception {
        try (TestServer server = TestServer.start()) {
            String token = server.login("desk").access();
            List<String> calls = new ArrayList<>();
            Recording api = new Recording(new HttpBackendApi(URI.create(server.server().baseUrl()), Duration.ofSeconds(5)), calls);
            Queries q = new Queries(api, fixed(token), Runnable::run);
            String id = get(q.member("M0002")).id();

            MemberPhoto first = get(q.photo(id)).orElseThrow();
            assertThat(first.jpeg()).isNotEmpty();
            assertThat(first.etag()).startsWith("\"");
            assertThat(q.cachedPhoto(id)).containsSame(first);

            MemberPhoto again = get(q.photo(id)).orElseThrow();
            assertThat(again).isSameAs(first);
            assertThat(calls).containsExactly("plain 200", "conditional 304");

            upload(server, token, id);
            MemberPhoto replaced = get(q.photo(id)).orElseThrow();
            assertThat(calls).last().isEqualTo("conditional 200");
            assertThat(replaced.etag()).isNotEqualTo(first.etag());
            assertThat(replaced.jpeg()).isNotEqualTo(first.jpeg());
            assertThat(q.cachedPhoto(id)).containsSame(replaced);

            Optional<MemberPhoto> none = get(q.photo("no-such-member"));
            assertThat(none).isEmpty();
            assertThat(q.cachedPhoto("no-such-member")).isEmpty();
        }
    }

    @Test
    void theCacheKeepsOnlyTheMostRecentlyUsedPhotos() {
        PhotoCache cache = new PhotoCache();
        for (int i = 0; i <= PhotoCache.MAX_ENTRIES; i++) {
            cache.put(new MemberPhoto("m" + i, new byte[] {1}, "\"" + i + "\""));
            if (i == 5) {
                assertThat(cache.get("m0")).isPresent(); // touched: m1 becomes the eldest
            }
        }
        assertThat(cache.size()).isEqualTo(PhotoCache.MAX_ENTRIES);
        assertThat(cache.get("m0")).isPresent();
        assertThat(cache.get("m1")).isEmpty();
    }

    private static void upload(TestServer server, String token, String id) throws Exception {
        BufferedImage img = new BufferedImage(120, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.PINK);
        g.fillRect(0, 0, 120, 120);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.server().baseUrl() + "/api/members/" + id + "/photo"))
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png.toByteArray())).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private static Queries.Tokens fixed(String token) {
        return new Queries.Tokens() {
            @Override
            public CompletableFuture<String> current() {
                return CompletableFuture.completedFuture(token);
            }

            @Override
            public CompletableFuture<String> newerThan(String stale) {
                return CompletableFuture.failedFuture(new IllegalStateException("no refresh in this test"));
            }
        };
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT_S, TimeUnit.SECONDS);
    }
}
