package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.ReviewItem;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The review calls: the connection service's lookups in the app, a fake in tests. Futures complete off the UI thread. */
public interface ReviewQueries {
    /** Open review items, newest first. */
    CompletableFuture<List<ReviewItem>> openReviews();

    CompletableFuture<ReviewItem> acknowledgeReview(String reviewId, String note);
}
