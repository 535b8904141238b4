package com.avgym.desk.viewmodel;

import com.avgym.client.ApiException;
import com.avgym.client.ConnectionState;
import com.avgym.protocol.message.ReviewItem;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's "Needs review (N)" list: offline decisions the server disagreed with, each acknowledged by staff
 * with a note. An item leaves the list only once the server confirmed its acknowledgement; a failed one stays,
 * with the error and the note kept for the next try.
 *
 * <p>Reloaded on sign-in and every reconnect ({@link #resynced()}), when the connection is LIVE or BACKUP again, when the
 * server says the open items changed ({@link #reviewsChanged(long)}) and on the Refresh button. Created once for
 * the app; all state is read and changed on the UI thread, answers come back through {@code uiThread}.
 */
public final class ReviewsViewModel implements LiveUpdates {
    static final String NOT_FOR_THIS_ACCOUNT = "Review items are for staff and admin accounts";
    private static final Logger log = LoggerFactory.getLogger(ReviewsViewModel.class);

    private final ReviewQueries queries;
    private final Executor uiThread;
    private final DeskDates dates;
    private final ReviewWords words;
    private final List<Consumer<ReviewList>> listeners = new CopyOnWriteArrayList<>();
    private List<ReviewItem> items = List.of();
    /** Notes staff wrote, by item id, until the server confirmed them: a failed try loses nothing. */
    private final Map<String, String> notes = new HashMap<>();
    private final Map<String, String> errors = new HashMap<>();
    private final Set<String> acknowledging = new HashSet<>();
    /** Confirmed by the server: kept out of a list that was already on its way when the confirmation came. */
    private final Set<String> confirmed = new HashSet<>();
    private String loadError;
    private boolean loading;
    private boolean reloadAfter;
    private ReviewList shown;

    public ReviewsViewModel(ReviewQueries queries, Clock clock, ZoneId zone, Executor uiThread) {
        this.queries = Objects.requireNonNull(queries);
        this.uiThread = Objects.requireNonNull(uiThread);
        this.dates = new DeskDates(clock, zone);
        this.words = new ReviewWords(dates);
        shown = worded();
    }

    public ReviewList list() {
        return shown;
    }

    public void addListener(Consumer<ReviewList> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ReviewList> listener) {
        listeners.remove(listener);
    }

    /** The note last written for this item (empty when none), to fill the dialog again after a failed try. */
    public String note(String reviewId) {
        return notes.getOrDefault(reviewId, "");
    }

    /** OK in the acknowledge dialog is enabled only for a note that says something. */
    public static boolean acceptable(String note) {
        return note != null && !note.isBlank();
    }

    /** Asks the server for the open items; a refresh asked for while one is out runs once that one is answered. */
    public void refresh() {
        if (loading) {
            reloadAfter = true;
            return;
        }
        loading = true;
        reloadAfter = false;
        answer(queries::openReviews, this::loaded, e -> {
            loading = false;
            // A trainer's account may not read review items: say so instead of "Could not load: forbidden".
            loadError = e instanceof ApiException api && api.status() == 403 ? NOT_FOR_THIS_ACCOUNT
                    : "Could not load: " + DashboardViewModel.reason(e);
            log.info("could not load the review items: {}", e.toString());
            publish();
            reloadIfAsked();
        });
    }

    /**
     * The dialog's OK: sends the note. Returns false (and sends nothing) for a blank note, an unknown item or one
     * whose acknowledgement is already on its way.
     */
    public boolean acknowledge(String reviewId, String note) {
        if (!acceptable(note) || acknowledging.contains(reviewId)
                || items.stream().noneMatch(i -> i.id().equals(reviewId))) {
            return false;
        }
        String text = note.strip();
        notes.put(reviewId, text);
        errors.remove(reviewId);
        acknowledging.add(reviewId);
        publish();
        answer(() -> queries.acknowledgeReview(reviewId, text), done -> {
            acknowledging.remove(reviewId);
            confirmed.add(reviewId);
            notes.remove(reviewId);
            items = items.stream().filter(i -> !i.id().equals(reviewId)).toList();
            publish();
        }, e -> {
            acknowledging.remove(reviewId);
            errors.put(reviewId, "Not acknowledged: " + DashboardViewModel.reason(e));
            log.info("acknowledging review {} failed: {}", reviewId, e.toString());
            publish();
            if (e instanceof ApiException api && (api.status() == 404 || api.status() == 409)) {
                // Gone or already acknowledged (another desk): the list should say so.
                refresh();
            }
        });
        return true;
    }

    // --- the connection service's news, on the UI thread ---------------------------------------------------

    @Override
    public void resynced() {
        refresh();
    }

    /**
     * The server answers again. In BACKUP no reviews_changed arrives (it is a socket frame outside the event log), so
     * the list is reloaded on entering it too; the Refresh button covers the rest of a long BACKUP spell.
     */
    @Override
    public void connectionChanged(ConnectionState state) {
        if (state == ConnectionState.LIVE || state == ConnectionState.BACKUP) {
            refresh();
        }
    }

    /** reviews_changed: an item was added or acknowledged somewhere. */
    @Override
    public void reviewsChanged(long openCount) {
        refresh();
    }

    // --- internals ---------------------------------------------------------------------------------------------

    private void loaded(List<ReviewItem> answer) {
        loading = false;
        loadError = null;
        items = answer.stream().filter(i -> !confirmed.contains(i.id())).toList();
        Set<String> open = new HashSet<>();
        items.forEach(i -> open.add(i.id()));
        // Acknowledged elsewhere: nothing left to attach a note or an error to.
        notes.keySet().retainAll(open);
        errors.keySet().retainAll(open);
        publish();
        reloadIfAsked();
    }

    private void reloadIfAsked() {
        if (reloadAfter) {
            refresh();
        }
    }

    private void publish() {
        shown = worded();
        ReviewList now = shown;
        listeners.forEach(l -> l.accept(now));
    }

    private ReviewList worded() {
        List<ReviewRow> rows = new ArrayList<>(items.size());
        for (ReviewItem i : items) {
            rows.add(new ReviewRow(i.id(), i.occurredAt() == null ? "" : dates.dayTime(i.occurredAt()), member(i),
                    words.what(i), i.location() == null ? "" : i.location(), acknowledging.contains(i.id()),
                    errors.get(i.id())));
        }
        return new ReviewList("Needs review (" + rows.size() + ")", List.copyOf(rows), loadError);
    }

    private static String member(ReviewItem i) {
        String number = i.membershipNumber() == null ? "" : i.membershipNumber();
        String name = i.memberName() == null ? "" : i.memberName();
        return (number + " " + name).strip();
    }

    private <T> void answer(Supplier<CompletableFuture<T>> call, Consumer<T> onValue, Consumer<Throwable> onError) {
        UiAnswers.answer(uiThread, call, onValue, onError);
    }
}
