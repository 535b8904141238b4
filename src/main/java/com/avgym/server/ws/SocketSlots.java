package com.avgym.server.ws;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-user socket slots, reserved at the upgrade. Counting open sockets there let 40 simultaneous upgrades
 * of one user all pass (none of them was registered yet): a slot is now taken in one atomic step before the
 * upgrade is accepted and given back exactly once, when the socket closes, when it fails before opening, or
 * when an accepted upgrade never opens within {@link #OPEN_GRACE} (a handshake that failed after we said yes).
 * Kept apart from the sockets themselves so issue 12 can count slots across servers.
 */
final class SocketSlots {
    static final Duration OPEN_GRACE = Duration.ofSeconds(30);

    private final int perUser;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Set<Slot> unopened = ConcurrentHashMap.newKeySet();
    private volatile SlotLedger shared = SlotLedger.NONE;

    SocketSlots(int perUser) {
        this.perUser = perUser;
    }

    /** Counts the per-user limit over every node too (issue 12): a slot must be granted here and by {@code ledger}. */
    void share(SlotLedger ledger) {
        this.shared = ledger;
    }

    /** Keeps this node's shared slots alive (timer pass). */
    void renew(Instant now) {
        shared.renew(now);
    }

    /** A slot for {@code userId}, or null when the user already holds the maximum (on this node or all of them). */
    Slot tryReserve(String userId, Instant now) {
        boolean[] granted = {false};
        counts.compute(userId, (k, n) -> {
            int held = n == null ? 0 : n;
            if (held >= perUser) {
                return n;
            }
            granted[0] = true;
            return held + 1;
        });
        if (!granted[0]) {
            return null;
        }
        Slot slot = new Slot(userId, now);
        boolean everywhere;
        try {
            everywhere = shared.take(slot.id, userId, perUser, now);
        } catch (RuntimeException e) {
            giveBackLocally(userId);
            throw e;
        }
        if (!everywhere) {
            giveBackLocally(userId);
            return null;
        }
        unopened.add(slot);
        return slot;
    }

    private void giveBackLocally(String userId) {
        counts.computeIfPresent(userId, (k, n) -> n <= 1 ? null : n - 1);
    }

    int inUse(String userId) {
        return counts.getOrDefault(userId, 0);
    }

    int inUse() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Gives back the slots of upgrades accepted more than {@link #OPEN_GRACE} ago that never opened. */
    int releaseAbandoned(Instant now) {
        int released = 0;
        for (Slot s : unopened) {
            if (!now.isBefore(s.reservedAt.plus(OPEN_GRACE)) && s.release()) {
                released++;
            }
        }
        return released;
    }

    /** One reserved place of a user's sockets. */
    final class Slot {
        private final String id = java.util.UUID.randomUUID().toString();
        private final String userId;
        private final Instant reservedAt;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String userId, Instant reservedAt) {
            this.userId = userId;
            this.reservedAt = reservedAt;
        }

        /** The socket opened. False when the slot was already given up (opened too late): close the socket. */
        boolean opened() {
            unopened.remove(this);
            return !released.get();
        }

        /** Gives the slot back; true the first time only. */
        boolean release() {
            if (!released.compareAndSet(false, true)) {
                return false;
            }
            unopened.remove(this);
            giveBackLocally(userId);
            shared.give(id);
            return true;
        }
    }
}
