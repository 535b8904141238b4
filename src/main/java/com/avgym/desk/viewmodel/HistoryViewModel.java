package com.avgym.desk.viewmodel;

import com.avgym.client.ConnectionState;
import com.avgym.client.HistoryQuery;
import com.avgym.client.ScanOutcome;
import com.avgym.protocol.message.CheckInView;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history screen: filters, one page of visits, paging, live rows and a Check out per open visit. Created
 * once by the app, so a rebuilt view ("Reload view") finds its page and filters as they were.
 *
 * <p>Only the newest load may change the page: changing a filter or paging quickly makes every earlier answer
 * stale. Events that arrive while a load is on its way are applied at once and again after the load lands
 * (upserts by id), so a page computed just before a check-in cannot hide it. A failed load keeps the table and
 * says why above it.
 *
 * <p>Used on the UI thread; answers come back through {@code uiThread}.
 */
public final class HistoryViewModel implements LiveUpdates {
    public static final int PER_PAGE = 20;
    public static final Duration SEARCH_DEBOUNCE = MemberSearchViewModel.DEBOUNCE;
    private static final Logger log = LoggerFactory.getLogger(HistoryViewModel.class);

    private final Lookups lookups;
    private final ScanGateway gateway;
    private final HistoryRowText words;
    private final UiDelay delay;
    private final Executor uiThread;
    private final Clock clock;
    private final ResultLine actions;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> checkingOut = new HashSet<>();
    private final List<Held> heldDuringLoad = new ArrayList<>();
    private HistoryFilter filter = HistoryFilter.ALL;
    private int page = 1;
    private HistoryPage shown = HistoryPage.empty(PER_PAGE);
    private boolean everLoaded;
    private boolean loading;
    private String error = "";
    /** The error is a failed load (not a filter that cannot match): worth loading again when the server is back. */
    private boolean loadFailed;
    private boolean sessionEnded;
    private long generation;
    private Runnable cancelSearch = () -> { };

    /** {@code clock}'s zone is the gym's, for the date filter and for the times shown. */
    public HistoryViewModel(Lookups lookups, ScanGateway gateway, ScanResultText scanWords, HistoryRowText words,
                            UiDelay delay, Executor uiThread, Clock clock) {
        this.lookups = Objects.requireNonNull(lookups);
        this.gateway = Objects.requireNonNull(gateway);
        this.words = Objects.requireNonNull(words);
        this.delay = Objects.requireNonNull(delay);
        this.uiThread = Objects.requireNonNull(uiThread);
        this.clock = Objects.requireNonNull(clock);
        this.actions = new ResultLine(scanWords, uiThread);
        actions.addListener(r -> changed());
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    // --- what the view shows -------------------------------------------------------------------

    public HistoryFilter filter() {
        return filter;
    }

    public List<HistoryRow> rows() {
        return shown.rows().stream().map(v -> words.row(v, checkingOut.contains(v.id()))).toList();
    }

    /** "page 2 of 7 · 134 visits", with "· loading..." while the next answer is on its way. */
    public String pageText() {
        if (!everLoaded) {
            return loading ? "Loading..." : "";
        }
        String text = HistoryRowText.paging(shown.page(), shown.pages(), shown.total());
        return loading ? text + " · loading..." : text;
    }

    public boolean canPrevious() {
        return everLoaded && page > 1;
    }

    /** Counts from the page asked for, not the one shown, so two quick clicks on Next go two pages on. */
    public boolean canNext() {
        return everLoaded && page < shown.pages();
    }

    public boolean loading() {
        return loading;
    }

    /** Why the last load failed (the table keeps the page it had), or why nothing was asked; empty otherwise. */
    public String error() {
        return error;
    }

    /** The newest check-out from this screen: PENDING, then the server's answer. */
    public ScanResult actionResult() {
        return actions.result();
    }

    /** The query the current filters and page ask for. */
    public HistoryQuery query() {
        return filter.query(page, PER_PAGE);
    }

    // --- what staff do -------------------------------------------------------------------------

    public void setStatus(HistoryQuery.Status status) {
        refilter(filter.withStatus(status));
    }

    public void setFrom(LocalDate from) {
        refilter(filter.withFrom(from));
    }

    public void setTo(LocalDate to) {
        refilter(filter.withTo(to));
    }

    /** Typed search: applied {@link #SEARCH_DEBOUNCE} after the last keystroke. */
    public void setSearch(String text) {
        cancelSearch.run();
        String next = text == null ? "" : text.trim();
        if (next.equals(filter.search())) {
            cancelSearch = () -> { };
            return;
        }
        cancelSearch = delay.schedule(SEARCH_DEBOUNCE, () -> refilter(filter.withSearch(next)));
    }

    public void next() {
        if (canNext()) {
            page++;
            load();
        }
    }

    public void previous() {
        if (canPrevious()) {
            page--;
            load();
        }
    }

    /** Loads the current filters and page again (Refresh, and after the service refetched its state). */
    public void reload() {
        load();
    }

    /** Checks out an open visit by its id through the connection service. */
    public boolean checkOut(String visitId) {
        CheckInView visit = shown.rows().stream().filter(v -> v.id().equals(visitId)).findFirst().orElse(null);
        if (visit == null || !visit.open() || !checkingOut.add(visitId)) {
            return false;
        }
        actions.send(ScanKind.CHECK_OUT, visit.memberName(), () -> gateway.checkOut(visitId, null), outcome -> {
            checkingOut.remove(visitId);
            // In backup mode the broadcast comes with the next poll; the confirmed visit is already the truth.
            if (outcome instanceof ScanOutcome.Confirmed c && c.result().checkIn() != null) {
                shown.apply(c.result().checkIn(), false, clock.getZone());
            }
            changed();
        });
        return true;
    }

    // --- live ----------------------------------------------------------------------------------

    @Override
    public void visit(CheckInView visit, boolean checkedIn) {
        if (loading) {
            heldDuringLoad.add(new Held(visit, checkedIn));
        }
        if (shown.apply(visit, checkedIn, clock.getZone())) {
            changed();
        }
    }

    @Override
    public void resynced() {
        load();
    }

    /** A failed load is worded for now: sign in after the session ended, loaded again once the server answers. */
    @Override
    public void connectionChanged(ConnectionState state) {
        sessionEnded = state == ConnectionState.AUTH_REQUIRED;
        if (!loadFailed) {
            return;
        }
        if (sessionEnded) {
            error = loadError(null);
            changed();
        } else if (state == ConnectionState.LIVE || state == ConnectionState.BACKUP) {
            load();
        }
    }

    private String loadError(Throwable failure) {
        return "Could not load history: " + (sessionEnded || failure == null || LookupErrorText.sessionExpired(failure)
                ? "sign in again to see it" : LookupErrorText.describe(failure));
    }

    @Override
    public void laterAnswer(String clientRequestId, boolean checkIn, ScanOutcome outcome) {
        actions.laterAnswer(clientRequestId, checkIn, outcome);
    }

    private void refilter(HistoryFilter next) {
        if (next.equals(filter)) {
            return;
        }
        filter = next;
        page = 1;
        load();
    }

    private void load() {
        long mine = ++generation;
        if (!filter.valid()) {
            loading = false;
            loadFailed = false;
            error = "\"From\" is after \"To\": no visit can match";
            changed();
            return;
        }
        HistoryFilter asked = filter;
        loading = true;
        changed();
        lookups.history(asked.query(page, PER_PAGE)).whenComplete((result, failure) -> uiThread.execute(() -> {
            if (mine != generation) {
                return;
            }
            loading = false;
            if (failure != null) {
                log.warn("history page {} could not be loaded: {}", page, failure.toString());
                loadFailed = LookupErrorText.unanswered(failure);
                error = loadError(failure);
            } else {
                loadFailed = false;
                error = "";
                everLoaded = true;
                shown = HistoryPage.loaded(asked, result);
                heldDuringLoad.forEach(h -> shown.apply(h.visit(), h.checkedIn(), clock.getZone()));
            }
            heldDuringLoad.clear();
            changed();
        }));
    }

    private record Held(CheckInView visit, boolean checkedIn) {
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
