package com.avgym.server.checkin;

import com.avgym.protocol.Json;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.message.Event;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The event log: every broadcast is a row with a {@code seq}, written in the transaction of the change it
 * records. Seqs come from the one-row {@code event_seq} counter, updated last in that transaction: the row
 * lock is held to commit, so however many server processes share the database, seqs have no gap and no
 * duplicate and commit (become visible) in seq order. Fan-out reads the log after commit (see
 * {@code fanout.EventDispatcher}); writers never wait for it.
 */
public final class EventLog {
    /** The PostgreSQL channel a write NOTIFYs in its transaction; the payload is its last seq. */
    public static final String CHANNEL = "avgym_events";

    private final Database db;
    // SQLite has a single writer: two read-then-write transactions racing fail with SQLITE_BUSY instead of waiting.
    private final ReentrantLock sqliteWriter = new ReentrantLock(true);
    private final List<Runnable> committedListeners = new CopyOnWriteArrayList<>();

    public EventLog(Database db) {
        this.db = db;
    }

    /** Told (on the writer's thread, after commit) that this process wrote events: it must not block. */
    public void onCommitted(Runnable listener) {
        committedListeners.add(listener);
    }

    /** Runs a write that appends events: one at a time on SQLite, concurrently on PostgreSQL (the counter orders them). */
    public <T> T serialized(Supplier<T> work) {
        if (!db.isSqlite()) {
            return work.get();
        }
        sqliteWriter.lock();
        try {
            return work.get();
        } finally {
            sqliteWriter.unlock();
        }
    }

    /** The last seq committed by any process. */
    public long lastSeq() {
        return db.read(EventLog::lastSeq);
    }

    static long lastSeq(Connection c) throws SQLException {
        return Sql.count(c, "SELECT last FROM event_seq WHERE id = 1");
    }

    /** The oldest seq still replayable; lastSeq + 1 when the log is empty. */
    public long oldestKeptSeq() {
        return bounds()[0];
    }

    /** True when events after {@code after} cannot all be replayed from the log. */
    public boolean resyncNeeded(long after) {
        long[] b = bounds();
        return after > b[1] || after < b[0] - 1;
    }

    /** {oldest kept, last}, read together. */
    private long[] bounds() {
        return db.read(c -> Sql.one(c, "SELECT (SELECT last FROM event_seq WHERE id = 1), (SELECT MIN(seq) FROM events)",
                rs -> {
                    long last = rs.getLong(1);
                    long oldest = rs.getLong(2);
                    return new long[] {rs.wasNull() ? last + 1 : oldest, last};
                }).orElseThrow());
    }

    /** Collects the events of one transaction; {@link Batch#write} is its last statement. */
    public Batch batch() {
        return new Batch();
    }

    /** A payload computed only once the seqs are taken, so it sees every commit before this one (e.g. stats). */
    @FunctionalInterface
    public interface LatePayload {
        Object compute(Connection c) throws SQLException;
    }

    public final class Batch {
        private record Pending(MessageType type, Object payload, LatePayload late, Instant at) {
        }

        private final List<Pending> pending = new ArrayList<>();
        private long lastWritten;

        private Batch() {
        }

        public void append(Connection c, MessageType type, Object payload, Instant at) {
            pending.add(new Pending(type, payload, null, at));
        }

        /** Appends an event whose payload is computed under the counter's lock, i.e. in commit order. */
        public void appendLate(MessageType type, LatePayload payload, Instant at) {
            pending.add(new Pending(type, null, payload, at));
        }

        /**
         * A visit event that carries the figures after it ({@code stats}, computed under the counter's lock): one
         * frame per change on every socket instead of the visit and a separate stats_update.
         */
        public void appendVisit(MessageType type, Object visit, LatePayload stats, Instant at) {
            pending.add(new Pending(type, null, c -> {
                ObjectNode node = Json.MAPPER.valueToTree(visit);
                node.set("stats", Json.MAPPER.valueToTree(stats.compute(c)));
                return node;
            }, at));
        }

        /**
         * Takes the seqs and writes the rows: call it last in the transaction, since the counter row stays locked
         * (other writers wait) until commit.
         */
        public void write(Connection c) throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            int n = pending.size();
            long last;
            if (db.isSqlite()) {
                Sql.update(c, "UPDATE event_seq SET last = last + ? WHERE id = 1", n);
                last = lastSeq(c);
            } else {
                last = Sql.one(c, "UPDATE event_seq SET last = last + ? WHERE id = 1 RETURNING last",
                        rs -> rs.getLong(1), n).orElseThrow();
            }
            long seq = last - n + 1;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO events (seq, type, payload, created_at) VALUES (?,?,?,?)")) {
                for (Pending p : pending) {
                    Object payload = p.late() != null ? p.late().compute(c) : p.payload();
                    insert.setLong(1, seq++);
                    insert.setString(2, p.type().wireName());
                    insert.setString(3, Json.write(Json.MAPPER.valueToTree(payload)));
                    insert.setLong(4, p.at().toEpochMilli());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (!db.isSqlite()) {
                // Delivered to every listening node at commit, in commit order; nothing is sent on rollback.
                try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    notify.setString(1, CHANNEL);
                    notify.setString(2, Long.toString(last));
                    notify.execute();
                }
            }
            lastWritten = last;
        }

        /** Call after the transaction committed: wakes this process's fan-out at once. */
        public void publish() {
            if (lastWritten == 0) {
                return;
            }
            committedListeners.forEach(Runnable::run);
        }

        /** The last seq this batch wrote, 0 before {@link #write} or when it had no event. */
        public long lastWritten() {
            return lastWritten;
        }
    }

    /** Events with seq in (after, after+limit], oldest first. */
    public List<Event> after(long after, int limit) {
        return db.read(c -> Sql.list(c, "SELECT seq, type, payload, created_at FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                rs -> new Event(rs.getLong("seq"), rs.getString("type"), Instant.ofEpochMilli(rs.getLong("created_at")),
                        Json.parse(rs.getString("payload"))),
                after, limit));
    }

    /** Drops events older than {@code before}, always keeping the newest {@code keepAtLeast}. */
    public int prune(Instant before, long keepAtLeast) {
        return db.write(c -> Sql.update(c,
                "DELETE FROM events WHERE created_at < ? AND seq <= (SELECT last FROM event_seq WHERE id = 1) - ?",
                before.toEpochMilli(), keepAtLeast));
    }
}
