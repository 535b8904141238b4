package com.avgym.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.cluster.support.Cluster;
import com.avgym.cluster.support.ClusterTest;
import com.avgym.cluster.support.ServerNode;
import com.avgym.cluster.support.Visits;
import com.avgym.server.support.Rest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 check-ins (each followed by its check-out) spread over two nodes by several writers; node b is killed -9
 * half way. A writer whose node fails sends the same {@code clientRequestId} to the other node, as a desk does.
 * Every acknowledged check-in is in the shared log and history exactly once, and the log's seqs are 1..N.
 */
@ClusterTest
class KillDuringCheckInsTest {
    private static final int CHECK_INS = 1_000;
    private static final int WRITERS = 8;
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;
    static Cluster cluster;

    @BeforeAll
    static void start() {
        cluster = Cluster.start(tmp.resolve("cluster"), 2, List.of());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyAcknowledgedCheckInIsPresentOnceAndTheSeqsHaveNoGap() throws Exception {
        ServerNode a = cluster.node(0);
        ServerNode b = cluster.node(1);
        List<Rest> nodes = List.of(Cluster.rest(a), Cluster.rest(b));
        String token = nodes.getFirst().login("admin", Cluster.PASSWORD).access();
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // clientRequestId -> visit id
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger failovers = new AtomicInteger();
        CountDownLatch halfWay = new CountDownLatch(CHECK_INS / 2);

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                // each writer owns its members, so a member is never checked in twice at once
                List<String> members = new ArrayList<>();
                for (int m = 1 + writer; m <= Visits.ADMITTED_MEMBERS; m += WRITERS) {
                    members.add(Visits.member(m));
                }
                int k = 0;
                while (issued.getAndIncrement() < CHECK_INS) {
                    String member = members.get(k++ % members.size());
                    String checkInRequest = UUID.randomUUID().toString();
                    Rest.Response in = sendUntilAnswered(nodes, k, failovers,
                            node -> Visits.checkIn(node, token, checkInRequest, member));
                    assertThat(in.status()).as("check-in of %s: %s", member, in.text()).isIn(200, 201);
                    String visitId = in.body().path("checkIn").path("id").asText();
                    acknowledged.put(checkInRequest, visitId);
                    halfWay.countDown();
                    String checkOutRequest = UUID.randomUUID().toString();
                    Rest.Response out = sendUntilAnswered(nodes, k + 1, failovers,
                            node -> Visits.checkOut(node, token, checkOutRequest, visitId));
                    assertThat(out.status()).as("check-out of %s: %s", member, out.text()).isIn(200, 201);
                }
                return null;
            }));
        }
        assertThat(halfWay.await(5, TimeUnit.MINUTES)).as("half the check-ins acknowledged").isTrue();
        b.kill();
        for (Future<?> f : writers) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(acknowledged).hasSize(CHECK_INS);
        assertThat(failovers.get()).as("requests that failed on the killed node and went to the other").isPositive();
        List<Visits.Event> log = Visits.eventsAfter(nodes.getFirst(), token, 0);
        assertThat(log).extracting(Visits.Event::seq).as("seqs 1..N without a gap or a duplicate")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, log.size()).boxed().toList());
        Map<String, Long> checkInEvents = log.stream().filter(e -> e.type().equals("member_checked_in"))
                .collect(Collectors.groupingBy(e -> e.payload().path("id").asText(), Collectors.counting()));
        Set<String> visitIds = Set.copyOf(acknowledged.values());
        assertThat(visitIds).as("one visit per acknowledged check-in").hasSize(CHECK_INS);
        assertThat(checkInEvents).as("one member_checked_in per acknowledged check-in, and no other")
                .containsOnlyKeys(visitIds).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        Rest.Response history = nodes.getFirst().get("/api/checkins/history/?status=all&perPage=1", token);
        assertThat(history.body().path("total").asLong()).as("visits in history").isEqualTo(CHECK_INS);
        Visits.figure("1,000 check-ins over 2 nodes, node b killed -9 half way: " + log.size()
                + " events, seqs 1.." + log.size() + " without a gap; " + failovers.get() + " requests failed over");
    }

    /**
     * Sends to node {@code turn % 2}, and on a failure (connection refused or reset, or a 5xx) the same request to the
     * other node, until a node answers; a retry of the same clientRequestId is answered from the stored result.
     */
    private static Rest.Response sendUntilAnswered(List<Rest> nodes, int turn, AtomicInteger failovers,
                                                   Function<Rest, Rest.Response> send) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        for (int attempt = 0; ; attempt++) {
            Rest node = nodes.get((turn + attempt) % nodes.size());
            try {
                Rest.Response r = send.apply(node);
                if (r.status() < 500) {
                    return r;
                }
            } catch (RuntimeException connectionFailed) {
                // the node died under the request: whether it committed is unknown; the retry tells
            }
            failovers.incrementAndGet();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no node answered for " + GIVE_UP);
            }
        }
    }
}
