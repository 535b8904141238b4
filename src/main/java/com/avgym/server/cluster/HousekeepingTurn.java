package com.avgym.server.cluster;

import com.avgym.server.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs housekeeping (12 h auto-close, day-change stats, pruning) on exactly one node of a cluster: the one holding
 * a session-level PostgreSQL advisory lock on its own connection. PostgreSQL releases the lock when that session
 * ends, so when the holder dies (process killed, connection cut) another node takes the lock on its next pass, one
 * housekeeping period later at most. Every pass first checks that the lock's connection is still alive, so a node
 * whose connection was lost stops running housekeeping before someone else starts. On SQLite (one process) every
 * pass runs.
 */
public final class HousekeepingTurn implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HousekeepingTurn.class);
    static final String PURPOSE = "avgym-housekeeping";

    private final Runnable housekeeping;
    private final DedicatedConnections connections;
    private final AtomicLong passes = new AtomicLong();
    private Connection lockConnection;
    private boolean held;
    private boolean closed;

    private HousekeepingTurn(Runnable housekeeping, DedicatedConnections connections) {
        this.housekeeping = housekeeping;
        this.connections = connections;
    }

    /** For {@code db}: lock-guarded on PostgreSQL ({@code connections} non-null), every pass on SQLite. */
    public static HousekeepingTurn of(Database db, Runnable housekeeping, DedicatedConnections connections) {
        return new HousekeepingTurn(housekeeping, db.isSqlite() ? null : connections);
    }

    @Override
    public synchronized void run() {
        if (closed || !holdsLock()) {
            return;
        }
        passes.incrementAndGet();
        housekeeping.run();
    }

    /** Passes this node ran (not counting those it skipped because another node holds the turn). */
    public long passes() {
        return passes.get();
    }

    /** True when this node runs housekeeping now (always on SQLite). */
    public synchronized boolean holding() {
        return connections == null || held;
    }

    private boolean holdsLock() {
        if (connections == null) {
            return true;
        }
        try {
            if (lockConnection != null && !lockConnection.isValid(5)) {
                log.warn("housekeeping lock connection lost; this node stops housekeeping until it holds the lock again");
                dropConnection();
            }
            if (held) {
                return true;
            }
            if (lockConnection == null) {
                lockConnection = connections.open(PURPOSE);
            }
            try (Statement s = lockConnection.createStatement();
                 var rs = s.executeQuery("SELECT pg_try_advisory_lock(hashtext('avgym_housekeeping:' || current_schema()))")) {
                rs.next();
                held = rs.getBoolean(1);
            }
            if (held) {
                log.info("this node now runs housekeeping");
            }
            return held;
        } catch (SQLException e) {
            log.warn("housekeeping lock unavailable ({}); skipping this pass", e.getMessage());
            dropConnection();
            return false;
        }
    }

    private void dropConnection() {
        held = false;
        if (lockConnection != null) {
            try {
                lockConnection.close();
            } catch (SQLException ignored) {
                // Already broken; closing it is only tidying up.
            }
            lockConnection = null;
        }
    }

    /** Ends this node's turn: closing the session releases the lock for another node. */
    @Override
    public synchronized void close() {
        closed = true;
        dropConnection();
    }
}
