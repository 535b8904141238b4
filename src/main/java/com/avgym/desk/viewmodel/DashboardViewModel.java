package com.avgym.desk.viewmodel;

import com.avgym.client.ApiException;
import com.avgym.client.ClientListener;
import com.avgym.client.QueuedCommand;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.Stats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard: stat tiles, recent activity, today's check-ins by hour, memberships ending within a week, and
 * toasts for other desks' check-ins. Created once for the app, so a reloaded view finds everything in place.
 *
 * <p>It listens to the connection service itself ({@link ClientListener}, called on the service thread) and
 * moves every event to {@code uiThread}; lookups answer there too. All state is read and changed on the UI
 * thread. The view calls {@link #tick()} about once a second for the clock's part: the next toast, the gym's
 * day changing, and the periodic refresh of the expiring list.
 */
public final class DashboardViewModel implements ClientListener {
    public static final int EXPIRING_DAYS = 7;
    static final int RECENT_SIZE = 15;
    static final Duration EXPIRING_REFRESH = Duration.ofMinutes(10);
    static final Duration TOAST_VISIBLE = Duration.ofSeconds(4);
    private static final Logger log = LoggerFactory.getLogger(DashboardViewModel.class);

    private final DashboardQueries queries;
    private final Clock clock;
    private final ZoneId zone;
    private final DeskDates dates;
    private final Executor uiThread;
    private final List<DashboardListener> listeners = new CopyOnWriteArrayList<>();
    private final OwnScans own;
    private final ToastGate toasts = new ToastGate(TOAST_VISIBLE);
    private final RecentActivity recent = new RecentActivity(RECENT_SIZE);
    private final HourlyCounts hourly = new HourlyCounts();
    private StatTiles tiles = StatTiles.unknown();
    private List<ActivityRow> recentRows = List.of();
    private ExpiringList expiring = new ExpiringList(List.of(), null);
    private String hourlyError;
    /** False until the first resync: before sign-in there is nothing to look up. */
    private boolean started;
    private boolean hourlyLoading;
    /** A check-in arrived while the chart's answer was on its way; the answer may or may not hold it. */
    private boolean hourlyReloadAfter;
    private LocalDate hourlyRequestedFor;
    private boolean expiringLoading;
    private Instant expiringRequestedAt;
    private LocalDate rowsWordedFor;

    public DashboardViewModel(DashboardQueries queries, Clock clock, ZoneId zone, Executor uiThread) {
        this.queries = Objects.requireNonNull(queries);
        this.clock = Objects.requireNonNull(clock);
        this.zone = Objects.requireNonNull(zone);
        this.dates = new DeskDates(clock, zone);
        this.uiThread = Objects.requireNonNull(uiThread);
        this.own = new OwnScans(clock);
        rowsWordedFor = today();
        answer(queries::pendingScans, list -> list.forEach(own::queued),
                e -> log.warn("cannot read this desk's queued scans; their events may show as another desk's", e));
    }

    /** Wraps the desk's scan gateway so this desk's own scans make no toast. */
    public ScanGateway recording(ScanGateway gateway) {
        return new OwnScanGateway(gateway, own, uiThread);
    }

    public void addListener(DashboardListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DashboardListener listener) {
        listeners.remove(listener);
    }

    public StatTiles tiles() {
        return tiles;
    }

    public List<ActivityRow> recent() {
        return recentRows;
    }

    public HourlyChart hourly() {
        return hourly.view(hourlyError);
    }

    public ExpiringList expiring() {
        return expiring;
    }

    // --- the connection service's events (service thread) ------------------------------------------

    @Override
    public void onStats(Stats stats) {
        uiThread.execute(() -> setTiles(stats));
    }

    @Override
    public void onVisit(CheckInView visit, boolean checkedIn) {
        uiThread.execute(() -> visit(visit, checkedIn));
    }

    @Override
    public void onResync(Stats stats, List<CheckInView> visits) {
        uiThread.execute(() -> {
            started = true;
            setTiles(stats);
            recent.replace(visits);
            wordRows();
            loadHourly();
            loadExpiring();
        });
    }

    @Override
    public void onScanResult(QueuedCommand command, ScanOutcome outcome) {
        uiThread.execute(() -> own.answered(command, outcome));
    }

    // --- the clock (UI thread) -------------------------------------------------------------------------

    public void tick() {
        Instant now = clock.instant();
        toasts.tick(now).ifPresent(this::fireToast);
        if (!started) {
            return;
        }
        LocalDate today = today();
        if (!today.equals(rowsWordedFor)) {
            wordRows();
        }
        if (!hourlyLoading && hourlyRequestedFor != null && today.isAfter(hourlyRequestedFor)) {
            log.info("the gym's day changed to {}; reloading the chart and the expiring list", today);
            loadHourly();
            loadExpiring();
        } else if (!expiringLoading && expiringRequestedAt != null
                && !now.isBefore(expiringRequestedAt.plus(EXPIRING_REFRESH))) {
            loadExpiring();
        }
    }

    // --- internals (UI thread) -----------------------------------------------------------------------

    private void visit(CheckInView visit, boolean checkedIn) {
        recent.upsert(visit);
        wordRows();
        if (checkedIn) {
            count(visit);
        }
        if (!visit.autoClosed() && !own.isOurs(visit, checkedIn)) {
            String key = (checkedIn ? "in:" : "out:") + visit.id();
            toasts.offer(key, VisitWords.event(visit), checkedIn, clock.instant()).ifPresent(this::fireToast);
        }
    }

    private void count(CheckInView visit) {
        switch (hourly.add(visit, zone)) {
            case COUNTED -> {
                hourlyReloadAfter |= hourlyLoading;
                fire(l -> l.hourlyChanged(hourly()));
            }
            case NOT_LOADED -> hourlyReloadAfter |= hourlyLoading;
            case LATER_DAY -> loadHourly();
            case ALREADY_COUNTED -> { }
            case EARLIER_DAY -> log.debug("check-in {} is of an earlier day; not on today's chart", visit.id());
        }
    }

    private void loadHourly() {
        if (hourlyLoading) {
            hourlyReloadAfter = true;
            return;
        }
        hourlyLoading = true;
        hourlyReloadAfter = false;
        hourlyRequestedFor = today();
        answer(queries::hourlyToday, this::hourlyLoaded, e -> {
            hourlyLoading = false;
            hourlyError = couldNotLoad("today's check-ins by hour", e);
            fire(l -> l.hourlyChanged(hourly()));
        });
    }

    private void hourlyLoaded(HourlyCheckIns answer) {
        hourlyLoading = false;
        hourly.replace(answer);
        hourlyError = null;
        fire(l -> l.hourlyChanged(hourly()));
        if (hourlyReloadAfter) {
            loadHourly();
        }
    }

    private void loadExpiring() {
        if (expiringLoading) {
            return;
        }
        expiringLoading = true;
        expiringRequestedAt = clock.instant();
        answer(() -> queries.expiring(EXPIRING_DAYS), this::expiringLoaded, e -> {
            expiringLoading = false;
            expiring = new ExpiringList(expiring.rows(), couldNotLoad("expiring memberships", e));
            fire(l -> l.expiringChanged(expiring));
        });
    }

    private void expiringLoaded(List<ExpiringMembership> list) {
        expiringLoading = false;
        expiring = new ExpiringList(list.stream().map(ExpiringRow::of).toList(), null);
        fire(l -> l.expiringChanged(expiring));
    }

    private void setTiles(Stats stats) {
        tiles = StatTiles.of(stats);
        fire(l -> l.tilesChanged(tiles));
    }

    private void wordRows() {
        rowsWordedFor = today();
        recentRows = recent.visits().stream()
                .map(v -> new ActivityRow(v.id(), VisitWords.activity(v, dates), v.open()))
                .toList();
        fire(l -> l.recentChanged(recentRows));
    }

    private void fireToast(Toast toast) {
        fire(l -> l.toast(toast));
    }

    private void fire(Consumer<DashboardListener> event) {
        listeners.forEach(event);
    }

    private LocalDate today() {
        return dates.today();
    }

    private <T> void answer(Supplier<CompletableFuture<T>> call, Consumer<T> onValue, Consumer<Throwable> onError) {
        UiAnswers.answer(uiThread, call, onValue, onError);
    }

    private static String couldNotLoad(String what, Throwable error) {
        log.info("could not load {}: {}", what, error.toString());
        return "Could not load: " + reason(error);
    }

    static String reason(Throwable error) {
        if (error instanceof ApiException api && (api.getMessage() == null || api.getMessage().isBlank())) {
            return "the server answered " + api.status();
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
