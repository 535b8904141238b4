package com.avgym.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.Json;
import com.avgym.server.auth.PasswordHasher;
import com.avgym.server.support.MutableClock;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Guesses evaluated per minute by a client that sends 40 wrong passwords at once every second, over real
 * HTTP: one username, then 40 usernames (one guess each per burst). The server's clock is moved one second
 * per burst, so a minute takes seconds and the figure does not depend on how fast this machine hashes.
 * "Evaluated" = answered 401 (the password was checked); 429 = refused unchecked. Uses only the HTTP API,
 * so the same file runs against older code. {@code ./mvnw -Pbench test}; writes target/bench-signin-guesses.txt.
 */
@Tag("bench")
class SignInGuessRateBenchmark {
    private static final int BURST = 40;
    private static final int SECONDS = 60;

    @Test
    void guessesEvaluatedPerMinute() throws Exception {
        List<String> lines = new ArrayList<>();
        // Production hashing (~0.3 s a password here) for one username, so a burst's guesses really overlap;
        // the 40-username case has no overlap per name to speak of, and 400 real hashes would take minutes.
        lines.add(run("one username (trainer), 40 guesses at once every second, production hashing", i -> "trainer",
                PasswordHasher.DEFAULT_ITERATIONS));
        lines.add(run("40 usernames, one guess each at once every second", i -> "guess-user-" + i, 1_000));
        lines.forEach(System.out::println);
        Files.writeString(Path.of("target", "bench-signin-guesses.txt"), String.join(System.lineSeparator(), lines)
                + System.lineSeparator());
    }

    private static String run(String label, IntFunction<String> username, int iterations) throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        int evaluated = 0;
        int refused = 0;
        try (TestServer server = TestServer.start(c -> c.withClock(clock, ZoneOffset.UTC)
                .withPasswordIterations(iterations))) {
            URI uri = URI.create(server.server().baseUrl() + "/api/auth/token/");
            for (int second = 0; second < SECONDS; second++) {
                List<CompletableFuture<Integer>> burst = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    String body = Json.write(Map.of("username", username.apply(i), "password", "guess-" + second + "-" + i));
                    burst.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
                for (CompletableFuture<Integer> f : burst) {
                    int status = f.get();
                    evaluated += status == 401 ? 1 : 0;
                    refused += status == 429 ? 1 : 0;
                }
                clock.advance(Duration.ofSeconds(1));
            }
        } finally {
            pool.shutdownNow();
        }
        // Every guess was either checked (401) or refused unchecked (429): anything else would make the figure a lie.
        assertThat(evaluated + refused).as("401s and 429s of %s", label).isEqualTo(BURST * SECONDS);
        return String.format(Locale.ROOT, "%s: %d guesses evaluated in one minute, %d refused unchecked (of %d sent)",
                label, evaluated, refused, BURST * SECONDS);
    }
}
