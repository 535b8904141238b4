package com.avgym.protocol.message;

import java.util.List;

/**
 * GET /api/events/ body. {@code resyncRequired} is true when events after {@code after} are no longer
 * kept; the client then refetches stats and history.
 */
public record EventPage(List<Event> events, long lastSeq, long oldestKeptSeq, boolean resyncRequired) {
}
