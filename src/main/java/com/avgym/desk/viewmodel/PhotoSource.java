package com.avgym.desk.viewmodel;

import com.avgym.client.MemberPhoto;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Members' photos: {@link com.avgym.client.Queries#photo} in the app (revalidated by ETag), open futures in tests.
 * Futures complete off the UI thread; empty when the member has no photo.
 */
public interface PhotoSource {
    CompletableFuture<Optional<MemberPhoto>> photo(String memberId);

    /** What the last fetch brought, without asking the server. */
    Optional<MemberPhoto> cached(String memberId);
}
