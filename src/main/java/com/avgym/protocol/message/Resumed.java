package com.avgym.protocol.message;

/** Sent after the replayed events: they covered seqs fromSeq..toSeq (toSeq < fromSeq when none were missed). */
public record Resumed(long fromSeq, long toSeq) {
}
