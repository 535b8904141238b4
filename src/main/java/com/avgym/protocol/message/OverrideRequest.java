package com.avgym.protocol.message;

/**
 * The optional {@code override} of a check_in: let in a member whose membership expired or whose account is
 * inactive. {@code reason} is required; a missing or blank one is refused with OVERRIDE_REASON_REQUIRED (not
 * INVALID_MESSAGE) so the desk can ask for it rather than report a client bug.
 */
public record OverrideRequest(String reason) {
    public static final int MAX_REASON = 200;
}
