package com.avgym.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The photos the desk has fetched, by member id, with their ETags: the next fetch asks the server
 * "changed since this ETag?" and a 304 reuses the bytes. The least recently used go once over the limit
 * (a photo is 10-20 KB). Thread-safe: fetches finish on the read executor, several at a time.
 */
final class PhotoCache {
    static final int MAX_ENTRIES = 300;

    private final Map<String, MemberPhoto> byMember = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MemberPhoto> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    synchronized Optional<MemberPhoto> get(String memberId) {
        return Optional.ofNullable(byMember.get(memberId));
    }

    synchronized void put(MemberPhoto photo) {
        byMember.put(photo.memberId(), photo);
    }

    synchronized void remove(String memberId) {
        byMember.remove(memberId);
    }

    synchronized int size() {
        return byMember.size();
    }
}
