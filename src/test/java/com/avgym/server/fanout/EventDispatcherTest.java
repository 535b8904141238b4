package com.avgym.server.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.MessageType;
import com.avgym.protocol.message.Event;
import com.avgym.server.checkin.EventLog;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatcher's catch-up from the log, and exactly when an unreadable log turns into resync_required. */
class EventDispatcherTest {
    private Database db;
    private EventLog log;
    private final List<Long> delivered = new ArrayList<>();
    private final List<long[]> resyncs = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong(1);
    private EventDispatcher dispatcher;

    @BeforeEach
    void open() throws Exception {
        Path dir = Files.createTempDirectory("avgym-dispatch");
        db = Database.open(com.avgym.server.support.TestServer.databaseFor(dir), dir);
        log = new EventLog(db);
        write(2);
        dispatcher = new EventDispatcher(log, new EventDispatcher.Sink() {
            @Override
            public void deliver(List<Event> events) {
                events.forEach(e -> delivered.add(e.seq()));
            }

            @Override
            public void resync(long lastSeq, long oldestKeptSeq, long currentSeq) {
                resyncs.add(new long[] {lastSeq, oldestKeptSeq, currentSeq});
            }
        }, nanos::get);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void write(int n) {
        log.serialized(() -> db.write(c -> {
            EventLog.Batch batch = log.batch();
            for (int i = 0; i < n; i++) {
                batch.append(c, MessageType.STATS_UPDATE, Map.of("i", i), Instant.now());
            }
            batch.write(c);
            return null;
        }));
    }

    private void advanceSeconds(long s) {
        nanos.addAndGet(s * 1_000_000_000L);
    }

    @Test
    void startsAtTheEndOfTheLogAndBroadcastsWhatCommitsLaterInOrder() {
        dispatcher.catchUp();
        assertThat(delivered).isEmpty();
        write(3);
        write(1);
        dispatcher.catchUp();
        assertThat(delivered).containsExactly(3L, 4L, 5L, 6L);
        assertThat(dispatcher.lastBroadcast()).isEqualTo(6);
    }

    @Test
    void anUnreadableLogSendsResyncOnceAfterFiveSecondsAndCatchesUpWithoutAGapWhenReadableAgain() {
        db.write(c -> Sql.update(c, "ALTER TABLE events RENAME TO events_away"));
        dispatcher.catchUp();
        advanceSeconds(4);
        dispatcher.catchUp();
        assertThat(resyncs).as("not before 5 s of failures").isEmpty();
        advanceSeconds(1);
        dispatcher.catchUp();
        advanceSeconds(3);
        dispatcher.catchUp();
        assertThat(resyncs).hasSize(1);
        assertThat(resyncs.getFirst()).containsExactly(2, 3, 2);

        db.write(c -> Sql.update(c, "ALTER TABLE events_away RENAME TO events"));
        write(2);
        dispatcher.catchUp();
        assertThat(delivered).containsExactly(3L, 4L);

        // A new outage counts from its own start.
        db.write(c -> Sql.update(c, "ALTER TABLE events RENAME TO events_away"));
        dispatcher.catchUp();
        advanceSeconds(5);
        dispatcher.catchUp();
        assertThat(resyncs).hasSize(2);
        assertThat(resyncs.getLast()).containsExactly(4, 5, 4);
        db.write(c -> Sql.update(c, "ALTER TABLE events_away RENAME TO events"));
    }
}
