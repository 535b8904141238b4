package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.Json;
import com.avgym.server.auth.PasswordHasher;
import com.avgym.server.support.MutableClock;
import com.avgym.server.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in throttling over real HTTP with requests sent at once, each client from its own loopback address
 * (127.0.0.x), so per-address limits can be told from per-username ones. The server's clock is frozen, so no
 * lock runs out during a test.
 */
class SignInThrottleApiTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static TestServer server;
    /** Production hashing (a fraction of a second a password), so checks of guesses sent at once really overlap. */
    private static TestServer slow;

    record Answer(int status, String code, String retryAfter) {
    }

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withClock(CLOCK, ZoneOffset.UTC));
        slow = TestServer.start(c -> c.withClock(CLOCK, ZoneOffset.UTC).withPasswordIterations(PasswordHasher.DEFAULT_ITERATIONS));
    }

    @AfterAll
    static void stop() {
        server.close();
        slow.close();
    }

    private static Answer signIn(String from, String username, String password) {
        return post(from, "application/json", Json.write(Map.of("username", username, "password", password)));
    }

    private static Answer post(String from, String contentType, String body) {
        return post(server, from, contentType, body);
    }

    private static Answer post(TestServer server, String from, String contentType, String body) {
        HttpClient client = CLIENTS.computeIfAbsent(server.server().port() + "/" + from, a -> {
            try {
                return HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).connectTimeout(Duration.ofSeconds(5)).build();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        });
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.server().baseUrl() + "/api/auth/token/"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r;
            try {
                r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // As in Rest: a kept-alive connection the server had just closed (after a 415 it does not read
                // the body); nothing reached the server on it, so one retry on a fresh connection is safe.
                if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                    throw e;
                }
                r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            }
            String code = r.body().isBlank() ? null : Json.MAPPER.readTree(r.body()).path("code").asText(null);
            return new Answer(r.statusCode(), code, r.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code n} requests released at the same instant and returns their answers. */
    private static List<Answer> atOnce(int n, IntFunction<Answer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return request.apply(k);
                }, pool));
            }
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (CompletableFuture<Answer> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(List<Answer> answers, int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    private static void assertRefusalsAreDocumented(List<Answer> answers) {
        assertThat(answers).filteredOn(a -> a.status() == 429).allSatisfy(a -> {
            assertThat(a.code()).isEqualTo("RATE_LIMITED");
            assertThat(Long.parseLong(a.retryAfter())).isBetween(1L, 300L);
        });
        assertThat(count(answers, 401) + count(answers, 429)).isEqualTo(answers.size());
    }

    @Test
    void fortyGuessesSentAtOnceGetAtMostFiveEvaluated() throws Exception {
        List<Answer> answers = atOnce(40, i -> post(slow, "127.0.0.2", "application/json",
                Json.write(Map.of("username", "trainer", "password", "guess-" + i))));

        assertRefusalsAreDocumented(answers);
        assertThat(count(answers, 401)).as("guesses evaluated").isBetween(1L, 5L);
        assertThat(count(answers, 429)).isGreaterThanOrEqualTo(35);
    }

    @Test
    void aStrangerCannotLockTheOwnerOut() throws Exception {
        List<Answer> burst = atOnce(40, i -> signIn("127.0.0.3", "desk", "guess-" + i));
        assertRefusalsAreDocumented(burst);
        // A slower, spread-out guesser too: two guesses from each of five more addresses.
        for (int a = 1; a <= 5; a++) {
            for (int i = 0; i < 2; i++) {
                assertThat(signIn("127.0.1." + a, "desk", "spread-" + i).status()).isIn(401, 429);
            }
        }
        Answer attackerRight = signIn("127.0.0.3", "desk", TestServer.PASSWORD);
        assertThat(attackerRight.status()).as("the guesser is locked even with the right password").isEqualTo(429);
        assertThat(signIn("127.0.1.1", "desk", TestServer.PASSWORD).status()).isEqualTo(429);

        Answer owner = signIn("127.0.0.4", "desk", TestServer.PASSWORD);
        assertThat(owner.status()).as("the owner at her own desk").isEqualTo(200);
        assertThat(signIn("127.0.0.3", "desk", TestServer.PASSWORD).status()).as("still locked after the owner's sign-in")
                .isEqualTo(429);
    }

    @Test
    void oneClientTryingFortyUsernamesIsLimited() throws Exception {
        List<Answer> answers = atOnce(40, i -> signIn("127.0.0.5", "guess-user-" + i, "guess"));

        assertRefusalsAreDocumented(answers);
        assertThat(count(answers, 401)).as("guesses evaluated").isBetween(1L, 20L);
        assertThat(count(answers, 429)).isGreaterThanOrEqualTo(20);
        assertThat(signIn("127.0.0.5", "admin", TestServer.PASSWORD).status()).as("that client is locked").isEqualTo(429);
        assertThat(signIn("127.0.0.7", "admin", TestServer.PASSWORD).status()).as("other clients are not").isEqualTo(200);
    }

    @Test
    void fortyAddressesGuessingOneUsernameAtOnceAreCheckedTwoAtATime() throws Exception {
        // Every address is new (no failures of its own), so only the per-username cap on concurrent checks
        // holds them back.
        List<Answer> answers = atOnce(40, i -> post(slow, "127.0.2." + (i + 1), "application/json",
                Json.write(Map.of("username", "admin", "password", "guess-" + i))));

        assertRefusalsAreDocumented(answers);
        assertThat(count(answers, 401)).as("guesses evaluated").isBetween(1L, 20L);
        assertThat(answers).filteredOn(a -> a.status() == 429).isNotEmpty()
                .allSatisfy(a -> assertThat(a.retryAfter()).isEqualTo("1"));
    }

    @Test
    void signInTakesApplicationJsonOnly() {
        String wrong = Json.write(Map.of("username", "admin", "password", "wrong"));
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                null, "application/jsonx"}) {
            Answer a = post("127.0.0.6", type, wrong);
            assertThat(a.status()).as("Content-Type %s", type).isEqualTo(415);
            assertThat(a.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        }
        assertThat(post("127.0.0.6", "text/plain", Json.write(Map.of("username", "admin", "password", TestServer.PASSWORD)))
                .status()).as("not even the right password as text/plain").isEqualTo(415);
        // None of them was a guess: the next wrong password is an ordinary 401, the right one signs in.
        assertThat(signIn("127.0.0.6", "admin", "wrong").status()).isEqualTo(401);
        assertThat(post("127.0.0.6", "Application/JSON; charset=UTF-8",
                Json.write(Map.of("username", "admin", "password", TestServer.PASSWORD))).status()).isEqualTo(200);
    }
}
