package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ApiException;
import com.avgym.client.ConnectionState;
import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.ReviewItem;
import com.avgym.server.support.MutableClock;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The "Needs review (N)" list: its words, when it reloads, and acknowledging with a note (only a non-blank one;
 * the item leaves only once the server confirmed; a failure keeps item and note).
 */
class ReviewsViewModelTest {
    private static final ZoneId GYM = ZoneId.of("Africa/Addis_Ababa");
    /** 10:00 in the gym, 27 Nov 2026. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T07:00:00Z"));
    private final FakeReviews queries = new FakeReviews();
    private final UiQueue ui = new UiQueue();
    private final ReviewsViewModel vm = new ReviewsViewModel(queries, clock, GYM, ui);
    private final List<ReviewList> seen = new ArrayList<>();

    {
        vm.addListener(seen::add);
    }

    static final class FakeReviews implements ReviewQueries {
        final List<CompletableFuture<List<ReviewItem>>> loads = new ArrayList<>();
        final List<CompletableFuture<ReviewItem>> acks = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        @Override
        public CompletableFuture<List<ReviewItem>> openReviews() {
            loads.add(new CompletableFuture<>());
            return loads.getLast();
        }

        @Override
        public CompletableFuture<ReviewItem> acknowledgeReview(String reviewId, String note) {
            notes.add(reviewId + ":" + note);
            acks.add(new CompletableFuture<>());
            return acks.getLast();
        }
    }

    static ReviewItem admitted(String id, String reason, String message, String at) {
        return new ReviewItem(id, "ADMITTED", reason, message, "M0013", "Jane Doe", OfflineVerdict.ADMIT, 41L,
                Instant.parse(at), "Front desk", "v-" + id, null, null, null);
    }

    static ReviewItem refused(String id, OfflineVerdict verdict, String at) {
        return new ReviewItem(id, "REFUSED", "WOULD_ADMIT", "would admit", "M0007", "Omar Haddad", verdict, 41L,
                Instant.parse(at), "Kiosk 1", null, null, null, null);
    }

    private void load(ReviewItem... items) {
        vm.refresh();
        queries.loads.getLast().complete(List.of(items));
        ui.run();
    }

    @Test
    void rowsSayWhatHappenedInStaffWordsWithTheCountInTheHeading() {
        assertThat(vm.list().heading()).isEqualTo("Needs review (0)");
        load(admitted("r1", "MEMBERSHIP_EXPIRED", "Membership expired on 3 Mar 2026", "2026-11-27T06:42:00Z"),
                admitted("r2", "MEMBERSHIP_EXPIRED", "expired", "2026-11-26T15:05:00Z"),
                admitted("r3", "MEMBER_INACTIVE", "inactive", "2026-11-27T06:50:00Z"),
                admitted("r4", "ALREADY_CHECKED_IN", "inside", "2026-11-27T06:51:00Z"),
                refused("r5", OfflineVerdict.UNKNOWN, "2026-11-27T06:52:00Z"),
                refused("r6", null, "2026-11-27T06:53:00Z"),
                admitted("r7", "MEMBERSHIP_EXPIRED", "no date but 2026-02-30", "2026-11-27T06:54:00Z"));

        ReviewList list = vm.list();
        assertThat(list.heading()).isEqualTo("Needs review (7)");
        assertThat(list.error()).isNull();
        assertThat(list.rows()).extracting(ReviewRow::what).containsExactly(
                "Let in offline; membership had ended (3 Mar)",
                "Let in offline; membership had ended",
                "Let in offline; account was inactive",
                "Let in offline; was already inside",
                "Turned away offline (card not in the member list); the server would have let in",
                "Turned away offline; the server would have let in",
                "Let in offline; membership had ended");
        ReviewRow first = list.rows().getFirst();
        assertThat(first.time()).as("gym-local time, today without a date").isEqualTo("09:42");
        assertThat(list.rows().get(1).time()).isEqualTo("26 Nov 18:05");
        assertThat(first.member()).isEqualTo("M0013 Jane Doe");
        assertThat(first.location()).isEqualTo("Front desk");
        assertThat(first.acknowledging()).isFalse();
        assertThat(seen).last().isEqualTo(list);
    }

    @Test
    void reloadsOnResyncOnLiveOrBackupAndOnReviewsChangedButNotWhileTheServerIsAway() {
        vm.resynced();
        assertThat(queries.loads).hasSize(1);
        queries.loads.getLast().complete(List.of());
        ui.run();

        vm.connectionChanged(ConnectionState.RECONNECTING);
        vm.connectionChanged(ConnectionState.OFFLINE);
        vm.connectionChanged(ConnectionState.AUTH_REQUIRED);
        assertThat(queries.loads).as("nobody to ask").hasSize(1);
        vm.connectionChanged(ConnectionState.BACKUP);
        assertThat(queries.loads).as("no reviews_changed in backup mode: ask once on entering it").hasSize(2);
        queries.loads.getLast().complete(List.of());
        ui.run();
        vm.connectionChanged(ConnectionState.LIVE);
        assertThat(queries.loads).hasSize(3);
        queries.loads.getLast().complete(List.of());
        ui.run();

        vm.reviewsChanged(1);
        assertThat(queries.loads).hasSize(4);
        vm.reviewsChanged(2);
        assertThat(queries.loads).as("one load at a time; the second news waits for the answer").hasSize(4);
        queries.loads.getLast().complete(List.of(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z")));
        ui.run();
        assertThat(queries.loads).as("then one more, which may hold the second change").hasSize(5);
        queries.loads.getLast().complete(List.of(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z"),
                refused("r2", OfflineVerdict.REFUSE_EXPIRED, "2026-11-27T06:01:00Z")));
        ui.run();
        assertThat(vm.list().heading()).isEqualTo("Needs review (2)");
        assertThat(vm.list().rows().get(1).what())
                .isEqualTo("Turned away offline (member list: membership ended); the server would have let in");
    }

    @Test
    void aFailedLoadKeepsTheLastRowsAndSaysWhy() {
        load(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z"));
        vm.refresh();
        queries.loads.getLast().completeExceptionally(new ConnectException("Connection refused"));
        ui.run();
        assertThat(vm.list().error()).isEqualTo("Could not load: Connection refused");
        assertThat(vm.list().rows()).extracting(ReviewRow::id).containsExactly("r1");

        load(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z"));
        assertThat(vm.list().error()).isNull();
    }

    @Test
    void anAccountThatMayNotReadReviewsIsToldSoPlainly() {
        vm.refresh();
        queries.loads.getLast().completeExceptionally(new ApiException(403, "FORBIDDEN", "forbidden", null, "{}"));
        ui.run();
        assertThat(vm.list().error()).isEqualTo("Review items are for staff and admin accounts");
        assertThat(vm.list().rows()).isEmpty();
    }

    @Test
    void aBlankNoteIsNotSentAndAnItemLeavesOnlyOnceTheServerConfirmed() {
        load(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z"),
                admitted("r2", "MEMBER_INACTIVE", "", "2026-11-27T06:01:00Z"));
        assertThat(ReviewsViewModel.acceptable("   ")).isFalse();
        assertThat(ReviewsViewModel.acceptable(null)).isFalse();
        assertThat(ReviewsViewModel.acceptable("ok")).isTrue();
        assertThat(vm.acknowledge("r1", " \t")).isFalse();
        assertThat(vm.acknowledge("no-such", "note")).isFalse();
        assertThat(queries.notes).isEmpty();

        assertThat(vm.acknowledge("r1", "  Spoke to her, renewed today ")).isTrue();
        assertThat(queries.notes).containsExactly("r1:Spoke to her, renewed today");
        assertThat(vm.list().rows().getFirst().acknowledging()).isTrue();
        assertThat(vm.acknowledge("r1", "again")).as("already on its way").isFalse();
        assertThat(vm.list().heading()).as("still open until the server says so").isEqualTo("Needs review (2)");

        queries.acks.getLast().complete(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z"));
        ui.run();
        assertThat(vm.list().rows()).extracting(ReviewRow::id).containsExactly("r2");
        assertThat(vm.list().heading()).isEqualTo("Needs review (1)");
    }

    @Test
    void aFailedAcknowledgementKeepsTheItemTheNoteAndSaysWhy() {
        load(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z"));
        vm.acknowledge("r1", "Guest of the owner");
        queries.acks.getLast().completeExceptionally(new IOException("Connection reset"));
        ui.run();

        ReviewRow row = vm.list().rows().getFirst();
        assertThat(row.id()).isEqualTo("r1");
        assertThat(row.acknowledging()).isFalse();
        assertThat(row.error()).isEqualTo("Not acknowledged: Connection reset");
        assertThat(vm.note("r1")).as("the dialog opens with it again").isEqualTo("Guest of the owner");
        assertThat(queries.loads).as("a network failure is no reason to reload").hasSize(1);

        assertThat(vm.acknowledge("r1", "Guest of the owner")).isTrue();
        assertThat(vm.list().rows().getFirst().error()).as("a new try clears the old error").isNull();
        queries.acks.getLast().complete(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z"));
        ui.run();
        assertThat(vm.list().rows()).isEmpty();
        assertThat(vm.note("r1")).isEmpty();
    }

    @Test
    void anItemAlreadyAcknowledgedElsewhereReloadsTheList() {
        load(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z"));
        vm.acknowledge("r1", "note");
        queries.acks.getLast().completeExceptionally(new ApiException(404, "NOT_FOUND", "No such review", null, "{}"));
        ui.run();
        assertThat(vm.list().rows().getFirst().error()).isEqualTo("Not acknowledged: No such review");
        assertThat(queries.loads).hasSize(2);
        queries.loads.getLast().complete(List.of());
        ui.run();
        assertThat(vm.list().rows()).isEmpty();
        assertThat(vm.note("r1")).isEmpty();
    }

    @Test
    void aListLoadedBeforeTheConfirmationDoesNotBringTheItemBack() {
        load(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z"));
        vm.refresh();
        vm.acknowledge("r1", "note");
        queries.acks.getLast().complete(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z"));
        ui.run();
        queries.loads.getLast().complete(List.of(admitted("r1", "MEMBER_INACTIVE", "", "2026-11-27T06:00:00Z")));
        ui.run();
        assertThat(vm.list().rows()).isEmpty();
    }
}
