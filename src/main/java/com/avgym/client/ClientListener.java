package com.avgym.client;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.Stats;
import java.util.List;

/**
 * What the connection service tells the desk. Called on the service thread, in order; the desk moves
 * results to its UI thread itself. The same methods are called in LIVE (socket) and BACKUP (polling).
 */
public interface ClientListener {
    default void onSnapshot(ConnectionSnapshot snapshot) {
    }

    default void onStats(Stats stats) {
    }

    /** A visit began ({@code checkedIn}) or ended, at any desk. */
    default void onVisit(CheckInView visit, boolean checkedIn) {
    }

    /** State was refetched (first start, resync_required, or a seq gap): replace, don't merge. */
    default void onResync(Stats stats, List<CheckInView> recent) {
    }

    /** A queued scan got its answer (also called for scans that were answered at once). */
    default void onScanResult(QueuedCommand command, ScanOutcome outcome) {
    }

    /** The server's member roster changed ({@code member_updated}); {@code version} is its new version. */
    default void rosterChanged(long version) {
    }

    /** A review item was added or acknowledged ({@code reviews_changed}); {@code openCount} now wait for staff. */
    default void reviewsChanged(long openCount) {
    }
}
