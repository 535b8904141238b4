package com.avgym.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Calls waiting for a refreshed access token (the desk's lookups after a 401); on the scheduler's thread only. */
final class TokenWaiters {
    private final List<CompletableFuture<String>> waiting = new ArrayList<>();

    void add(CompletableFuture<String> caller) {
        waiting.add(caller);
    }

    /** Hands the outcome of a token refresh to everyone waiting: the new token, or the failure. */
    void release(String token, Exception failure) {
        List<CompletableFuture<String>> all = List.copyOf(waiting);
        waiting.clear();
        all.forEach(f -> {
            if (token != null) {
                f.complete(token);
            } else {
                f.completeExceptionally(failure);
            }
        });
    }
}
