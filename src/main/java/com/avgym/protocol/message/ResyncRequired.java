package com.avgym.protocol.message;

/** The events after lastSeq are no longer kept (or lastSeq is unknown): refetch state by REST. */
public record ResyncRequired(long lastSeq, long oldestKeptSeq, long currentSeq) {
}
