package com.avgym.client.support;

import com.avgym.client.ClientListener;
import com.avgym.client.ConnectionSnapshot;
import com.avgym.client.ConnectionState;
import com.avgym.client.QueuedCommand;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.Stats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records everything a {@link com.avgym.client.ConnectionService} tells its listeners, with the wall time seen. */
public final class ClientRecorder implements ClientListener {
    public record Seen(Instant at, ConnectionSnapshot snapshot) {
    }

    private final List<Seen> snapshots = new CopyOnWriteArrayList<>();
    private final Map<String, List<ScanOutcome>> results = new ConcurrentHashMap<>();
    private final List<Instant> resultTimes = new CopyOnWriteArrayList<>();
    private final List<CheckInView> visits = new CopyOnWriteArrayList<>();
    private final List<List<CheckInView>> resyncs = new CopyOnWriteArrayList<>();

    @Override
    public void onSnapshot(ConnectionSnapshot snapshot) {
        snapshots.add(new Seen(Instant.now(), snapshot));
    }

    @Override
    public void onVisit(CheckInView visit, boolean checkedIn) {
        visits.add(visit);
    }

    @Override
    public void onResync(Stats stats, List<CheckInView> recent) {
        resyncs.add(List.copyOf(recent));
    }

    @Override
    public void onScanResult(QueuedCommand command, ScanOutcome outcome) {
        results.computeIfAbsent(command.clientRequestId(), k -> new CopyOnWriteArrayList<>()).add(outcome);
        resultTimes.add(Instant.now());
    }

    public int mark() {
        return snapshots.size();
    }

    public List<Seen> since(int mark) {
        return List.copyOf(snapshots.subList(Math.min(mark, snapshots.size()), snapshots.size()));
    }

    /** The states seen since {@code mark}, consecutive repeats folded. */
    public List<ConnectionState> statesSince(int mark) {
        List<ConnectionState> out = new ArrayList<>();
        for (Seen s : since(mark)) {
            if (out.isEmpty() || out.getLast() != s.snapshot().state()) {
                out.add(s.snapshot().state());
            }
        }
        return out;
    }

    /** The absolute index of the first snapshot since {@code mark} matching {@code which}; fails if none. */
    public int indexOf(int mark, Predicate<ConnectionSnapshot> which) {
        for (int i = mark; i < snapshots.size(); i++) {
            if (which.test(snapshots.get(i).snapshot())) {
                return i;
            }
        }
        throw new AssertionError("no snapshot since " + mark + " matches; states " + statesSince(mark));
    }

    public Optional<Seen> first(int mark, Predicate<ConnectionSnapshot> which) {
        return since(mark).stream().filter(s -> which.test(s.snapshot())).findFirst();
    }

    public Map<String, List<ScanOutcome>> results() {
        return results;
    }

    public List<Instant> resultTimes() {
        return resultTimes;
    }

    public long confirmedCount() {
        return results.values().stream().flatMap(List::stream).filter(o -> o instanceof ScanOutcome.Confirmed).count();
    }

    public int resultCount() {
        return results.values().stream().mapToInt(List::size).sum();
    }

    public List<CheckInView> visits() {
        return visits;
    }

    public List<List<CheckInView>> resyncs() {
        return resyncs;
    }
}
