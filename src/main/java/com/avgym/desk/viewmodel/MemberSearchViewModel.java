package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.MemberView;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Search by name or number": suggestions as staff type. A search goes out {@link #DEBOUNCE} after the last
 * keystroke, so typing a name sends one request rather than one per letter; every keystroke makes the answers
 * to earlier text stale, so a slow answer for "M0" can never replace the list for "M004".
 *
 * <p>Used on the UI thread; answers come back through {@code uiThread}, delays through {@link UiDelay}.
 */
public final class MemberSearchViewModel {
    public static final Duration DEBOUNCE = Duration.ofMillis(250);
    /** One letter matches half the gym; two narrow it to something worth listing. */
    public static final int MIN_LENGTH = 2;
    static final int MAX_SUGGESTIONS = 8;
    private static final Logger log = LoggerFactory.getLogger(MemberSearchViewModel.class);

    private final Lookups lookups;
    private final DeskDates dates;
    private final UiDelay delay;
    private final Executor uiThread;
    private final Consumer<String> showMember;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private String query = "";
    private List<MemberView> suggestions = List.of();
    private String status = "";
    private long generation;
    private Runnable cancelPending = () -> { };

    /** {@code showMember} opens the member card for a membership number (the pick, or Enter on a typed number). */
    public MemberSearchViewModel(Lookups lookups, UiDelay delay, Executor uiThread, Consumer<String> showMember) {
        this(lookups, delay, uiThread, showMember, java.time.Clock.systemDefaultZone());
    }

    /** {@code clock}: the desk's zone, for the age of the member list that answers while the server is away. */
    public MemberSearchViewModel(Lookups lookups, UiDelay delay, Executor uiThread, Consumer<String> showMember,
                                 java.time.Clock clock) {
        this.dates = new DeskDates(clock);
        this.lookups = Objects.requireNonNull(lookups);
        this.delay = Objects.requireNonNull(delay);
        this.uiThread = Objects.requireNonNull(uiThread);
        this.showMember = Objects.requireNonNull(showMember);
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    public List<MemberView> suggestions() {
        return suggestions;
    }

    /** "Searching...", "No member matches ...", or why the search failed; empty otherwise. */
    public String status() {
        return status;
    }

    public void setQuery(String text) {
        String next = text == null ? "" : text.trim();
        if (next.equals(query)) {
            return;
        }
        query = next;
        long mine = forgetPending();
        if (next.length() < MIN_LENGTH) {
            show(List.of(), "");
            return;
        }
        cancelPending = delay.schedule(DEBOUNCE, () -> search(mine, next));
    }

    /** Picking a suggestion shows its card; the list closes until the text changes again. */
    public void pick(MemberView member) {
        forgetPending();
        show(List.of(), "");
        showMember.accept(member.membershipNumber());
    }

    /** Enter in the search field: the first suggestion, or else the text taken as a membership number. */
    public void submit() {
        if (!suggestions.isEmpty()) {
            pick(suggestions.get(0));
        } else if (!query.isEmpty()) {
            forgetPending();
            show(List.of(), "");
            showMember.accept(query);
        }
    }

    /** The list's words for one member: name, number, and what would stop a check-in. */
    public static String label(MemberView m) {
        String flag = !"active".equals(m.status()) ? " · inactive" : !m.membershipCurrent() ? " · expired" : "";
        return m.fullName() + " · " + m.membershipNumber() + flag;
    }

    /** Cancels the waiting search and makes every answer in flight stale; returns the new generation. */
    private long forgetPending() {
        cancelPending.run();
        cancelPending = () -> { };
        return ++generation;
    }

    private void search(long mine, String text) {
        if (mine != generation) {
            return;
        }
        status = "Searching...";
        changed();
        lookups.offlineSearch(text, MAX_SUGGESTIONS).thenCompose(offline -> offline.isPresent()
                ? CompletableFuture.completedFuture(offline.get())
                : lookups.searchMembers(text, MAX_SUGGESTIONS).thenApply(page -> new OfflineMember.Search(page.results(), null)))
                .whenComplete((answer, error) -> uiThread.execute(() -> {
            if (mine != generation) {
                return;
            }
            // While the server is away the desk's member list answers, and says how old it is.
            String list = answer == null || answer.listAsOf() == null ? null
                    : "member list of " + dates.dayTime(answer.listAsOf());
            if (error != null) {
                log.info("member search failed: {}", error.toString());
                show(List.of(), "Search failed: " + LookupErrorText.describe(error));
            } else if (answer.found().isEmpty()) {
                show(List.of(), "No member matches \"" + text + "\"" + (list == null ? "" : " in the " + list));
            } else {
                show(List.copyOf(answer.found()), list == null ? "" : "From the " + list);
            }
        }));
    }

    private void show(List<MemberView> list, String words) {
        suggestions = list;
        status = words;
        changed();
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
