package com.avgym.protocol.message;

/** reviews_changed: a review item was added or acknowledged; {@code openCount} items now wait for staff. */
public record ReviewsChanged(long openCount) {
}
