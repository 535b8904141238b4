package com.avgym.protocol.message;

import com.avgym.protocol.OfflineVerdict;

/**
 * On a visit admitted offline that the server would have refused: the server's reason (an ErrorCode name such as
 * MEMBERSHIP_EXPIRED), its message, the offline verdict and the id of the review item staff acknowledge.
 */
public record NeedsReview(String reviewId, String reason, String message, OfflineVerdict offlineVerdict) {
}
