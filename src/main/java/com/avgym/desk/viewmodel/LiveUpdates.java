package com.avgym.desk.viewmodel;

import com.avgym.client.ConnectionState;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInView;

/** What a long-lived view-model hears from the connection service, already moved to the UI thread. */
public interface LiveUpdates {
    /** A visit began ({@code checkedIn}) or ended at any desk; may repeat after a refetch, so apply it as an upsert. */
    default void visit(CheckInView visit, boolean checkedIn) {
    }

    /** The service refetched its state (first start, resync, gap): events may have been missed, so reload. */
    default void resynced() {
    }

    /** A queued command was answered later. */
    default void laterAnswer(String clientRequestId, boolean checkIn, ScanOutcome outcome) {
    }

    /** reviews_changed: a review item was added or acknowledged; {@code openCount} now wait for staff. */
    default void reviewsChanged(long openCount) {
    }

    /** The connection's state changed (a sign-in ended, the server answers again): words about failures may be stale. */
    default void connectionChanged(ConnectionState state) {
    }
}
