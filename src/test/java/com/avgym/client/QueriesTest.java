package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Page;
import com.avgym.protocol.message.TokenPair;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desk's lookups: the real REST endpoints through {@link Queries}, and the one refresh after a 401. */
class QueriesTest {
    private static final long WAIT_S = 10;

    @TempDir
    Path dir;

    @Test
    void lookupsAgainstTheRealServer() throws Exception {
        try (TestServer server = TestServer.start();
             ConnectionService client = ConnectionService.create(
                     ClientConfig.defaults(URI.create(server.server().baseUrl()), dir.resolve("queue.db")))) {
            TokenPair tokens = server.login("desk");
            client.start(tokens.access(), tokens.refresh());
            Queries q = client.queries();

            Page<MemberView> found = get(q.searchMembers("m000", 5));
            assertThat(found.total()).isEqualTo(9);
            assertThat(found.results()).hasSize(5);
            assertThat(get(q.member("M0049")).membershipCurrent()).isFalse();
            assertThat(get(q.member("M0050")).status()).isEqualTo("inactive");
            assertThatThrownBy(() -> get(q.member("NO SUCH 1")))
                    .hasCauseInstanceOf(ApiException.class)
                    .cause().satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("MEMBER_NOT_FOUND"));

            assertThat(get(client.checkIn("M0007", "Front desk", null))).isInstanceOf(ScanOutcome.Confirmed.class);
            Page<CheckInView> open = get(q.history(new HistoryQuery(HistoryQuery.Status.IN, null, null, "M0007", 1, 20)));
            assertThat(open.results()).extracting(CheckInView::membershipNumber).containsExactly("M0007");
            assertThat(get(q.history(new HistoryQuery(HistoryQuery.Status.OUT, null, null, "M0007", 1, 20))).total()).isZero();

            HourlyCheckIns hourly = get(q.hourly(null));
            assertThat(hourly.counts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
            List<ExpiringMembership> expiring = get(q.expiring(7));
            assertThat(expiring).allSatisfy(m -> assertThat(m.daysLeft()).isBetween(0L, 7L));
        }
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallRepeated() throws Exception {
        List<String> seen = new ArrayList<>();
        ReadApi api = new FakeReads(seen);
        Queries.Tokens tokens = new Queries.Tokens() {
            @Override
            public CompletableFuture<String> current() {
                return CompletableFuture.completedFuture("old");
            }

            @Override
            public CompletableFuture<String> newerThan(String stale) {
                return CompletableFuture.completedFuture(stale.equals("old") ? "new" : "newer");
            }
        };
        Queries q = new Queries(api, tokens, Runnable::run);

        assertThat(get(q.hourly(LocalDate.of(2026, 11, 27))).date()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(seen).containsExactly("old", "new");

        seen.clear();
        // Still refused after the refresh: the caller gets the 401, no loop.
        assertThatThrownBy(() -> get(q.expiring(7))).hasCauseInstanceOf(ApiException.class);
        assertThat(seen).containsExactly("old", "new");
    }

    @Test
    void reviewCallsUseTheSameTokensAndRefreshOnceAfterA401() throws Exception {
        List<String> seen = new ArrayList<>();
        Queries.Tokens tokens = new Queries.Tokens() {
            @Override
            public CompletableFuture<String> current() {
                return CompletableFuture.completedFuture("old");
            }

            @Override
            public CompletableFuture<String> newerThan(String stale) {
                return CompletableFuture.completedFuture("new");
            }
        };
        Queries q = new Queries(new FakeReads(seen), tokens, Runnable::run);

        assertThat(get(q.reviews(true))).extracting(com.avgym.protocol.message.ReviewItem::id).containsExactly("open:r1");
        assertThat(seen).containsExactly("old", "new");
        seen.clear();
        com.avgym.protocol.message.ReviewItem done = get(q.acknowledgeReview("r1", "Spoke to her"));
        assertThat(done.note()).isEqualTo("Spoke to her");
        assertThat(done.id()).isEqualTo("r1");
        assertThat(seen).containsExactly("old", "new");
    }

    private static <T> T get(CompletableFuture<T> f) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        return f.get(WAIT_S, TimeUnit.SECONDS);
    }

    /** Refuses the token "old" for everything and any token for the expiring list. */
    private record FakeReads(List<String> seen) implements ReadApi {
        private ApiException expired() {
            return new ApiException(401, "TOKEN_EXPIRED", "expired", null, null);
        }

        @Override
        public Page<MemberView> members(String t, String s, int perPage) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MemberView member(String t, String n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ExpiringMembership> expiring(String t, int days) throws ApiException {
            seen.add(t);
            throw expired();
        }

        @Override
        public Page<CheckInView> history(String t, HistoryQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HourlyCheckIns hourly(String t, LocalDate date) throws ApiException {
            seen.add(t);
            if (t.equals("old")) {
                throw expired();
            }
            return new HourlyCheckIns(date, java.util.Collections.nCopies(24, 0));
        }

        @Override
        public MemberPhoto photo(String t, String memberId, String ifNoneMatch) {
            throw new UnsupportedOperationException();
        }
        @Override
        public com.avgym.protocol.message.RosterPage roster(String t, long since) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<com.avgym.protocol.message.ReviewItem> reviews(String t, boolean openOnly) throws ApiException {
            seen.add(t);
            if (t.equals("old")) {
                throw expired();
            }
            return List.of(review((openOnly ? "open:" : "all:") + "r1", null));
        }

        @Override
        public com.avgym.protocol.message.ReviewItem acknowledgeReview(String t, String id, String note)
                throws ApiException {
            seen.add(t);
            if (t.equals("old")) {
                throw expired();
            }
            return review(id, note);
        }

        private static com.avgym.protocol.message.ReviewItem review(String id, String note) {
            return new com.avgym.protocol.message.ReviewItem(id, "ADMITTED", "MEMBERSHIP_EXPIRED", "expired", "M0001",
                    "Jane Doe", com.avgym.protocol.OfflineVerdict.ADMIT, 4L, java.time.Instant.EPOCH, "Front desk", "v1",
                    null, null, note);
        }
    }
}
