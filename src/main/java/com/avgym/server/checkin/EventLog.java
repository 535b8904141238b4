package com.avgym.server.checkin;

import com.avgym.protocol.Json;
import com.avgym.protocol.MessageType;
import com.avgym.protocol.message.Event;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The event log: every broadcast is a row with an increasing {@code seq}, written in the transaction
 * of the change it records. Writes and their broadcasts run under one lock, so subscribers see events
 * in seq order with no gaps, and a resume can replay from the table without racing live events.
 */
public final class EventLog {
    private final Database db;
    private final ReentrantLock orderLock = new ReentrantLock(true);
    private volatile long lastSeq;
    private volatile Consumer<List<Event>> subscriber = events -> { };

    public EventLog(Database db) {
        this.db = db;
        this.lastSeq = db.read(c -> Sql.count(c, "SELECT COALESCE(MAX(seq), 0) FROM events"));
    }

    /** Receives each committed batch, in order, while the order lock is held: it must not block. */
    public void subscribe(Consumer<List<Event>> subscriber) {
        this.subscriber = subscriber;
    }

    /** Runs {@code work} with no event written or broadcast meanwhile. */
    public <T> T serialized(Supplier<T> work) {
        orderLock.lock();
        try {
            return work.get();
        } finally {
            orderLock.unlock();
        }
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** The oldest seq still replayable; lastSeq + 1 when the log is empty. */
    public long oldestKeptSeq() {
        long last = lastSeq;
        return db.read(c -> Sql.count(c, "SELECT COALESCE(MIN(seq), ?) FROM events", last + 1));
    }

    /** True when events after {@code after} cannot all be replayed from the log. */
    public boolean resyncNeeded(long after) {
        return after > lastSeq || after < oldestKeptSeq() - 1;
    }

    /** Collects the events of one transaction; {@link #publish} after commit assigns them for good. */
    public Batch batch() {
        if (!orderLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("events are written only under serialized()");
        }
        return new Batch();
    }

    public final class Batch {
        private final List<Event> events = new ArrayList<>();

        private Batch() {
        }

        public Event append(Connection c, MessageType type, Object payload, Instant at) throws SQLException {
            long seq = lastSeq + events.size() + 1;
            Event e = new Event(seq, type.wireName(), at, Json.MAPPER.valueToTree(payload));
            Sql.update(c, "INSERT INTO events (seq, type, payload, created_at) VALUES (?,?,?,?)",
                    seq, e.type(), Json.write(e.payload()), at.toEpochMilli());
            events.add(e);
            return e;
        }

        /** Call after the transaction committed. */
        public void publish() {
            if (events.isEmpty()) {
                return;
            }
            lastSeq = events.getLast().seq();
            subscriber.accept(List.copyOf(events));
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
        return db.write(c -> Sql.update(c, "DELETE FROM events WHERE created_at < ? AND seq <= ?",
                before.toEpochMilli(), lastSeq - keepAtLeast));
    }
}
