package com.avgym.protocol.message;

import java.util.List;

/**
 * GET /api/members/roster?since=V: the changes after roster version {@code since}, up to {@code version}. With
 * {@code full} the client replaces its whole roster by {@code members} (the server sends a full roster when
 * {@code since} is 0, older than it keeps removals for, or newer than its own version).
 */
public record RosterPage(long version, boolean full, List<RosterEntry> members, List<String> removed) {
}
