package com.avgym.desk.viewmodel;

import com.avgym.client.ConnectionState;
import com.avgym.client.HistoryQuery;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.MemberView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member card on the check-in desk: the member picked in search, or the one the desk last scanned. Its
 * Check in / Check out go through {@link CheckInDeskViewModel}, so they show PENDING and then the server's
 * answer exactly as a scan does, and the card mirrors that line while it is about this member.
 *
 * <p>The card is fetched again after every answer and on every visit event for this member, never patched
 * from the event: a fetch started before the event could otherwise land after it and undo it. Only the newest
 * fetch may change the card. While a command of the desk is waiting for its answer nothing is fetched: the
 * answer changes the member's state and is followed by a fetch, so an earlier one would only compete with the
 * scan for the server and the desk's threads.
 *
 * <p>A failed fetch is worded for what is true now: after the session ended the card asks for a sign-in (the
 * server may well be up), and when the server answers again a card that failed is fetched again.
 */
public final class MemberCardViewModel implements LiveUpdates {
    /** Enough open visits to find this member's among those whose number contains it (M0001 in M00010...). */
    private static final int OPEN_VISIT_LOOKUP = 10;
    static final String SIGN_IN_AGAIN = "Sign in again to look up members";
    private static final Logger log = LoggerFactory.getLogger(MemberCardViewModel.class);

    private final Lookups lookups;
    private final CheckInDeskViewModel desk;
    private final MemberCardText words;
    private final Executor uiThread;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private String number;
    private MemberCard card;
    private String memberId;
    private String message = "";
    private ScanResult result = ScanResult.idle();
    /** True while the desk's result line is about this card's member (the desk's last number was this one). */
    private boolean following;
    private long generation;
    /** The message says why the last fetch got no answer (not "Member not found"): words that can go stale. */
    private boolean failed;
    /** The connection service needs a person to sign in again (AUTH_REQUIRED). */
    private boolean sessionEnded;
    /** The card (or "not in the member list") came from the desk's member list, not the server. */
    private boolean fromList;
    /** The newest fetch has not been answered yet. */
    private boolean loading;

    public MemberCardViewModel(Lookups lookups, CheckInDeskViewModel desk, MemberCardText words, Executor uiThread) {
        this.lookups = Objects.requireNonNull(lookups);
        this.desk = Objects.requireNonNull(desk);
        this.words = Objects.requireNonNull(words);
        this.uiThread = Objects.requireNonNull(uiThread);
        desk.addMemberListener(this::follow);
        desk.addListener(this::deskAnswered);
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** The card, or null while none is loaded (see {@link #message()}). */
    public MemberCard card() {
        return card;
    }

    /** The server's id of the member on the card (for the photo), or null while none is loaded. */
    public String memberId() {
        return memberId;
    }

    /** "Loading M0001...", "Member not found", or why the card could not be fetched; empty otherwise. */
    public String message() {
        return message;
    }

    /** The desk's result line while it is about this member; idle otherwise. */
    public ScanResult result() {
        return result;
    }

    /** A command from this card is waiting for its answer. */
    public boolean busy() {
        return result.status() == ScanResult.Status.PENDING;
    }

    /** Opens the card for a membership number (a picked suggestion). */
    public void show(String membershipNumber) {
        following = false;
        open(membershipNumber);
    }

    public boolean checkIn() {
        return number != null && desk.checkInMember(number);
    }

    /** "Let in anyway" from the card of an expired or inactive member, with the reason staff chose. */
    public boolean letIn(String reason) {
        return number != null && desk.letIn(number, reason);
    }

    public boolean checkOut() {
        return number != null && desk.checkOutMember(number);
    }

    @Override
    public void visit(CheckInView visit, boolean checkedIn) {
        if (number != null && number.equalsIgnoreCase(visit.membershipNumber()) && !busy()) {
            fetch();
        }
    }

    @Override
    public void resynced() {
        if (number != null) {
            fetch();
        }
    }

    @Override
    public void connectionChanged(ConnectionState state) {
        boolean wasEnded = sessionEnded;
        sessionEnded = state == ConnectionState.AUTH_REQUIRED;
        boolean serverAnswers = state == ConnectionState.LIVE || state == ConnectionState.BACKUP;
        if (number != null && fromList && serverAnswers) {
            // The server's word replaces the member list's.
            fetch();
            return;
        }
        if (number != null && loading && !serverAnswers && !busy()) {
            // A fetch sent before the server went away would wait for it: the member list answers now instead.
            fetch();
            return;
        }
        if (!failed || number == null) {
            return;
        }
        if (sessionEnded && !wasEnded) {
            message = failure(null);
            changed();
        } else if (state == ConnectionState.LIVE || state == ConnectionState.BACKUP) {
            // The server answers again: "Server not reachable" no longer holds.
            fetch();
        }
    }

    /** The desk sent a command for this number (scan, typed number, or this card's buttons). */
    private void follow(String membershipNumber) {
        if (number == null || !number.equalsIgnoreCase(membershipNumber)) {
            reset(membershipNumber);
        }
        following = true;
    }

    private void deskAnswered(ScanResult r) {
        if (!following) {
            return;
        }
        result = r;
        changed();
        if (r.status() != ScanResult.Status.PENDING) {
            fetch();
        }
    }

    private void open(String membershipNumber) {
        reset(membershipNumber);
        fetch();
    }

    private void reset(String membershipNumber) {
        // A fetch still out for the previous member must not land on this card.
        generation++;
        number = membershipNumber.trim();
        card = null;
        memberId = null;
        result = ScanResult.idle();
        failed = false;
        fromList = false;
        message = "Loading " + number + "...";
        changed();
    }

    private void fetch() {
        long mine = ++generation;
        String n = number;
        loading = true;
        lookups.offlineMember(n).thenCompose(offline -> offline.isPresent()
                ? CompletableFuture.completedFuture(new Loaded(offline.get().member(), null, offline.get().listAsOf()))
                : lookups.member(n).thenCompose(this::withOpenVisit)).whenComplete((loaded, error) -> uiThread.execute(() -> {
            if (mine != generation) {
                return;
            }
            loading = false;
            fromList = error == null && loaded.listAsOf() != null;
            if (fromList && loaded.member() == null) {
                card = null;
                memberId = null;
                failed = false;
                message = words.notInList(loaded.listAsOf());
            } else if (fromList) {
                card = words.fromList(loaded.member(), loaded.listAsOf());
                failed = false;
                memberId = loaded.member().id();
                message = "";
            } else if (error != null) {
                log.info("member card for {} could not be fetched: {}", n, error.toString());
                failed = LookupErrorText.unanswered(error);
                message = failure(error);
            } else {
                card = words.card(loaded.member(), loaded.since());
                failed = false;
                memberId = loaded.member().id();
                message = "";
            }
            changed();
        }));
    }

    /** Why the card could not be fetched; {@code error} null when only the session's end is known. */
    private String failure(Throwable error) {
        String why = sessionEnded || error == null || LookupErrorText.sessionExpired(error) ? SIGN_IN_AGAIN
                : LookupErrorText.describe(error);
        // A refresh that fails keeps the card it had; a first load has nothing to keep.
        return card == null ? why : "Could not refresh: " + why;
    }

    /** {@code listAsOf}: answered by the desk's member list of that time (member null: not in it). */
    private record Loaded(MemberView member, Instant since, Instant listAsOf) {
        Loaded(MemberView member, Instant since) {
            this(member, since, null);
        }
    }

    /** MemberView has no visit start; the open visit's row in history does. Without it the card just says "Inside". */
    private CompletableFuture<Loaded> withOpenVisit(MemberView m) {
        if (m.openCheckInId() == null) {
            return CompletableFuture.completedFuture(new Loaded(m, null));
        }
        HistoryQuery open = new HistoryQuery(HistoryQuery.Status.IN, null, null, m.membershipNumber(), 1, OPEN_VISIT_LOOKUP);
        return lookups.history(open)
                .thenApply(page -> new Loaded(m, page.results().stream().filter(v -> v.id().equals(m.openCheckInId()))
                        .map(CheckInView::checkInTime).findFirst().orElse(null)))
                .exceptionally(e -> new Loaded(m, null));
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
