package com.avgym.protocol.message;

/** member_updated: the roster changed; {@code version} is its new version (clients behind it fetch the delta). */
public record MemberUpdated(long version) {
}
