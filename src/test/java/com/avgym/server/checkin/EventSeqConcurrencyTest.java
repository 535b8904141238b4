package com.avgym.server.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.MessageType;
import com.avgym.protocol.message.Event;
import com.avgym.server.db.Database;
import com.avgym.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Seqs come from the database: writers in two "server processes" (two pools with their own EventLog) on one
 * database never collide, leave no gap, and become visible in seq order. On SQLite, one process (it refuses a
 * second) with its writers one at a time.
 */
class EventSeqConcurrencyTest {
    private static final int THREADS = 16;

    @Test
    void sixteenWritersOnTwoNodesGetOneGapFreeSeqVisibleInOrder() throws Exception {
        int total = TestServer.onPostgres() ? 10_000 : 2_000;
        Path dir = Files.createTempDirectory("avgym-seq");
        String url = TestServer.databaseFor(dir);
        try (Database a = Database.open(url, dir); Database b = TestServer.onPostgres() ? Database.open(url, dir) : null) {
            List<EventLog> nodes = b == null ? List.of(new EventLog(a)) : List.of(new EventLog(a), new EventLog(b));
            Database[] dbs = b == null ? new Database[] {a} : new Database[] {a, b};
            AtomicInteger left = new AtomicInteger(total);
            AtomicBoolean writing = new AtomicBoolean(true);
            EventLog reader = nodes.getFirst();
            // Reads the log while it grows: a seq visible before a smaller one would show up as a gap here.
            List<Long> seen = new ArrayList<>();
            List<String> outOfOrder = new ArrayList<>();
            Thread watcher = Thread.ofPlatform().start(() -> {
                long last = 0;
                while (last < total) {
                    for (Event e : reader.after(last, 1_000)) {
                        if (e.seq() != last + 1) {
                            outOfOrder.add(e.seq() + " visible after " + last);
                        }
                        seen.add(e.seq());
                        last = e.seq();
                    }
                    if (!writing.get() && reader.after(last, 1).isEmpty()) {
                        break;
                    }
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int node = t % nodes.size();
                results.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    while (left.getAndDecrement() > 0) {
                        EventLog log = nodes.get(node);
                        long seq = log.serialized(() -> dbs[node].write(c -> {
                            EventLog.Batch batch = log.batch();
                            batch.append(c, MessageType.STATS_UPDATE, Map.of("n", 1), Instant.now());
                            batch.write(c);
                            return batch.lastWritten();
                        }));
                        mine.add(seq);
                    }
                    return mine;
                }));
            }
            List<Long> assigned = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                assigned.addAll(f.get(5, TimeUnit.MINUTES));
            }
            pool.shutdown();
            writing.set(false);
            watcher.join(TimeUnit.MINUTES.toMillis(1));

            List<Long> expected = java.util.stream.LongStream.rangeClosed(1, total).boxed().toList();
            assertThat(assigned).hasSize(total);
            assertThat(assigned.stream().sorted().toList()).as("every seq once, no gap").isEqualTo(expected);
            List<Long> stored = a.read(c -> com.avgym.server.db.Sql.list(c, "SELECT seq FROM events ORDER BY seq", rs -> rs.getLong(1)));
            assertThat(stored).isEqualTo(expected);
            assertThat(outOfOrder).as("a seq became visible before a smaller one").isEmpty();
            assertThat(seen).isEqualTo(expected);
            assertThat(reader.lastSeq()).isEqualTo(total);
        }
    }
}
