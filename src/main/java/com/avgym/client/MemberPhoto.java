package com.avgym.client;

/** A member's photo as the server sent it: 256x256 JPEG bytes and their ETag (for {@code If-None-Match}). */
public record MemberPhoto(String memberId, byte[] jpeg, String etag) {
}
