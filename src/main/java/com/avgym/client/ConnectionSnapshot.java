package com.avgym.client;

import java.time.Instant;

/**
 * An immutable picture of the connection for listeners (the desk's banner). {@code nextRetryAt} and
 * {@code attempt} are set while a socket attempt is scheduled; {@code lastSeq} is the newest event
 * applied (-1 before the first).
 */
public record ConnectionSnapshot(ConnectionState state, ConnectionError lastError, Instant nextRetryAt, int attempt,
                                 int pendingCount, long lastSeq, Instant connectedSince) {
}
