package com.avgym.server.ws;

import java.time.Instant;

/**
 * Where a user's socket slots are counted across the nodes of a cluster (the per-node count in
 * {@link SocketSlots} stays as it is). {@link #NONE} is the single-process case: nothing beyond this node.
 */
public interface SlotLedger {
    SlotLedger NONE = new SlotLedger() {
        @Override
        public boolean take(String slotId, String userId, int perUser, Instant now) {
            return true;
        }

        @Override
        public void give(String slotId) {
        }

        @Override
        public void renew(Instant now) {
        }
    };

    /** Takes one slot for {@code userId} in one atomic step, or returns false when all nodes hold {@code perUser}. */
    boolean take(String slotId, String userId, int perUser, Instant now);

    /** Gives a taken slot back. */
    void give(String slotId);

    /** Called on every timer pass: keeps this node's slots from expiring while their sockets live. */
    void renew(Instant now);
}
