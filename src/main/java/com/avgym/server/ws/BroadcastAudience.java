package com.avgym.server.ws;

import com.avgym.protocol.MessageType;
import com.avgym.server.auth.Role;
import java.util.Set;

/**
 * Which broadcasts a socket receives. A kiosk stands unattended at the door: the names of people checking in,
 * the figures and the review list must not stream to it, so of the broadcasts it gets only the roster's.
 */
final class BroadcastAudience {
    private static final Set<MessageType> KIOSK_BROADCASTS = Set.of(MessageType.MEMBER_UPDATED);

    private BroadcastAudience() {
    }

    static boolean receives(Role role, MessageType type) {
        return role.mayRead() || role == Role.KIOSK && KIOSK_BROADCASTS.contains(type);
    }
}
