package com.avgym.server.cluster;

import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import com.avgym.server.ws.SlotLedger;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-user socket limit over all nodes of a cluster: each slot is a row in {@code socket_leases} (node, user,
 * expiry). Taking one counts the user's unexpired leases and inserts the new one in one transaction, under a
 * transaction-scoped advisory lock for that user, so simultaneous upgrades on two nodes cannot both take the last
 * slot. The node renews its leases every {@link #RENEW_EVERY} while their sockets live; a dead node's leases stop
 * counting {@link #TTL} after its last renewal. A stopping node deletes its own.
 */
public final class SocketLeases implements SlotLedger, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketLeases.class);
    public static final Duration TTL = Duration.ofSeconds(30);
    public static final Duration RENEW_EVERY = Duration.ofSeconds(10);

    private final Database db;
    private final String node;
    private volatile Instant nextRenewal = Instant.MIN;

    public SocketLeases(Database db, String node) {
        this.db = db;
        this.node = node;
    }

    @Override
    public boolean take(String slotId, String userId, int perUser, Instant now) {
        long nowMs = now.toEpochMilli();
        return db.write(c -> {
            Sql.one(c, "SELECT pg_advisory_xact_lock(hashtext('avgym_socket_slots:' || current_schema() || ':' || ?))",
                    rs -> 1, userId);
            Sql.update(c, "DELETE FROM socket_leases WHERE user_id = ? AND expires_at <= ?", userId, nowMs);
            long held = Sql.count(c, "SELECT COUNT(*) FROM socket_leases WHERE user_id = ?", userId);
            if (held >= perUser) {
                return false;
            }
            Sql.update(c, "INSERT INTO socket_leases (id, node_id, user_id, expires_at) VALUES (?,?,?,?)",
                    slotId, node, userId, nowMs + TTL.toMillis());
            return true;
        });
    }

    @Override
    public void give(String slotId) {
        try {
            db.write(c -> Sql.update(c, "DELETE FROM socket_leases WHERE id = ?", slotId));
        } catch (RuntimeException e) {
            log.warn("could not give back a socket lease (it expires in {} s): {}", TTL.toSeconds(), e.getMessage());
        }
    }

    @Override
    public void renew(Instant now) {
        if (now.isBefore(nextRenewal)) {
            return;
        }
        nextRenewal = now.plus(RENEW_EVERY);
        try {
            db.write(c -> Sql.update(c, "UPDATE socket_leases SET expires_at = ? WHERE node_id = ?",
                    now.plus(TTL).toEpochMilli(), node));
        } catch (RuntimeException e) {
            log.warn("could not renew this node's socket leases: {}", e.getMessage());
        }
    }

    /** Deletes this node's leases (its sockets are gone), so its users can reconnect elsewhere at once. */
    @Override
    public void close() {
        try {
            db.write(c -> Sql.update(c, "DELETE FROM socket_leases WHERE node_id = ?", node));
        } catch (RuntimeException e) {
            log.warn("could not delete this node's socket leases (they expire in {} s): {}", TTL.toSeconds(), e.getMessage());
        }
    }
}
