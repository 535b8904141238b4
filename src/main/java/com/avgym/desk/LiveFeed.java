package com.avgym.desk;

import com.avgym.client.ClientListener;
import com.avgym.client.ConnectionSnapshot;
import com.avgym.client.ConnectionState;
import com.avgym.client.QueuedCommand;
import com.avgym.client.ScanOutcome;
import com.avgym.desk.viewmodel.LiveUpdates;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.Stats;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Hands the connection service's state changes, visit events, refetches, review news and late answers to long-lived
 * view-models on the UI thread. Registered once by the app: the view-models outlive their views, so a reloaded
 * view adds no listener.
 */
final class LiveFeed implements ClientListener {
    private final Executor uiThread;
    private final List<LiveUpdates> targets;
    /** The last state handed on; snapshots come on the service's one thread, so no locking. */
    private ConnectionState lastState;

    LiveFeed(Executor uiThread, LiveUpdates... targets) {
        this.uiThread = uiThread;
        this.targets = List.of(targets);
    }

    @Override
    public void onSnapshot(ConnectionSnapshot snapshot) {
        ConnectionState state = snapshot.state();
        if (state != lastState) {
            lastState = state;
            uiThread.execute(() -> targets.forEach(t -> t.connectionChanged(state)));
        }
    }

    @Override
    public void onVisit(CheckInView visit, boolean checkedIn) {
        uiThread.execute(() -> targets.forEach(t -> t.visit(visit, checkedIn)));
    }

    @Override
    public void onResync(Stats stats, List<CheckInView> recent) {
        uiThread.execute(() -> targets.forEach(LiveUpdates::resynced));
    }

    @Override
    public void reviewsChanged(long openCount) {
        uiThread.execute(() -> targets.forEach(t -> t.reviewsChanged(openCount)));
    }

    @Override
    public void onScanResult(QueuedCommand command, ScanOutcome outcome) {
        uiThread.execute(() -> targets.forEach(t -> t.laterAnswer(command.clientRequestId(), command.isCheckIn(), outcome)));
    }
}
