package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.QueuedCommand;
import com.avgym.desk.support.Screenshots;
import com.avgym.desk.viewmodel.DashboardQueries;
import com.avgym.desk.viewmodel.DashboardViewModel;
import com.avgym.desk.viewmodel.ReviewQueries;
import com.avgym.desk.viewmodel.ReviewRow;
import com.avgym.desk.viewmodel.ReviewsViewModel;
import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.ReviewItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard's "Needs review (N)" panel on the real dashboard screen, its review calls answered by the test:
 * the count in the heading, Acknowledge's dialog refusing a blank note, the item leaving only when the server
 * confirmed, and a failed acknowledgement keeping item and note. Saves target/screens/dashboard-needs-review-scripted.png
 * and dashboard-acknowledge-dialog.png.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class NeedsReviewUiTest {
    private static final long WAIT_S = 20;
    private final ScriptedReviews reviews = new ScriptedReviews();
    private ReviewsViewModel vm;
    private Stage stage;

    /** Review calls that wait for the test; the dashboard's own lookups never answer (not under test here). */
    static final class ScriptedReviews implements ReviewQueries, DashboardQueries {
        final List<CompletableFuture<List<ReviewItem>>> loads = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<ReviewItem>> acks = new CopyOnWriteArrayList<>();
        final List<String> notes = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<List<ReviewItem>> openReviews() {
            CompletableFuture<List<ReviewItem>> f = new CompletableFuture<>();
            loads.add(f);
            return f;
        }

        @Override
        public CompletableFuture<ReviewItem> acknowledgeReview(String reviewId, String note) {
            notes.add(reviewId + ":" + note);
            CompletableFuture<ReviewItem> f = new CompletableFuture<>();
            acks.add(f);
            return f;
        }

        @Override
        public CompletableFuture<HourlyCheckIns> hourlyToday() {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<List<ExpiringMembership>> expiring(int days) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<List<QueuedCommand>> pendingScans() {
            return CompletableFuture.completedFuture(List.of());
        }
    }

    @Start
    void start(Stage stage) {
        System.setProperty("testfx.robot", "glass");
        this.stage = stage;
        ZoneId zone = ZoneId.systemDefault();
        DashboardViewModel dashboard = new DashboardViewModel(reviews, Clock.systemUTC(), zone, Platform::runLater);
        vm = new ReviewsViewModel(reviews, Clock.systemUTC(), zone, Platform::runLater);
        DashboardView view = new DashboardView(dashboard, vm);
        Scene scene = new Scene(view.root(), 1100, 720);
        scene.getStylesheets().add(Objects.requireNonNull(DeskApp.class.getResource("desk.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static ReviewItem item(String id, String kind, String reason, String message, String number, String name,
                                   OfflineVerdict verdict, Instant at, String location) {
        return new ReviewItem(id, kind, reason, message, number, name, verdict, 412L, at, location,
                "ADMITTED".equals(kind) ? "v-" + id : null, null, null, null);
    }

    private static List<ReviewItem> threeItems() {
        Instant now = Instant.now();
        return List.of(
                item("r1", "ADMITTED", "MEMBERSHIP_EXPIRED", "Membership expired on 3 Mar 2026", "M0013", "Jane Doe",
                        OfflineVerdict.ADMIT, now.minusSeconds(600), "Kiosk 1"),
                item("r2", "REFUSED", "WOULD_ADMIT", "would admit", "M0021", "Omar Haddad", OfflineVerdict.UNKNOWN,
                        now.minusSeconds(1500), "Front desk"),
                item("r3", "ADMITTED", "MEMBER_INACTIVE", "inactive", "M0050", "Lena Kim", OfflineVerdict.ADMIT,
                        now.minusSeconds(2400), "Kiosk 1"));
    }

    private void loadThree(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.asyncFx(vm::refresh);
        waitFor(() -> reviews.loads.size() == 1);
        reviews.loads.getLast().complete(threeItems());
        waitFor(() -> heading(robot).getText().equals("Needs review (3)") && rows(robot).size() == 3);
    }

    @Test
    void acknowledgeNeedsANoteAndTheItemLeavesOnceTheServerConfirmed(FxRobot robot) throws Exception {
        loadThree(robot);
        assertThat(rows(robot)).extracting(ReviewRow::what).containsExactly(
                "Let in offline; membership had ended (3 Mar)",
                "Turned away offline (card not in the member list); the server would have let in",
                "Let in offline; account was inactive");
        Path shot = Screenshots.save(stage.getScene(), "dashboard-needs-review-scripted");
        assertThat(shot).isNotEmptyFile();

        robot.clickOn(acknowledgeButton(robot, "r1"));
        waitFor(() -> robot.lookup("#acknowledge-note").tryQuery().isPresent());
        Node ok = robot.lookup("#acknowledge-ok").query();
        assertThat(ok.isDisabled()).as("no note yet").isTrue();
        robot.clickOn("#acknowledge-note").write("   ");
        assertThat(ok.isDisabled()).as("blanks are no note").isTrue();
        robot.write("Renewed at the desk today");
        assertThat(ok.isDisabled()).isFalse();
        Screenshots.save(robot.window(ok).getScene(), "dashboard-acknowledge-dialog");
        robot.clickOn(ok);

        waitFor(() -> reviews.notes.size() == 1);
        assertThat(reviews.notes).containsExactly("r1:Renewed at the desk today");
        waitFor(() -> acknowledgeButton(robot, "r1").getText().equals("Acknowledging..."));
        assertThat(heading(robot).getText()).as("still open until the server confirms").isEqualTo("Needs review (3)");

        reviews.acks.getLast().complete(threeItems().getFirst());
        waitFor(() -> heading(robot).getText().equals("Needs review (2)") && rows(robot).size() == 2);
        assertThat(rows(robot)).extracting(ReviewRow::id).containsExactly("r2", "r3");
    }

    @Test
    void aFailedAcknowledgementShowsTheErrorAndKeepsItemAndNote(FxRobot robot) throws Exception {
        loadThree(robot);
        robot.clickOn(acknowledgeButton(robot, "r2"));
        waitFor(() -> robot.lookup("#acknowledge-note").tryQuery().isPresent());
        robot.clickOn("#acknowledge-note").write("Called him back in");
        robot.clickOn("#acknowledge-ok");
        waitFor(() -> reviews.acks.size() == 1);

        reviews.acks.getLast().completeExceptionally(new IOException("Connection refused"));
        waitFor(() -> "Not acknowledged: Connection refused".equals(rows(robot).get(1).error()));
        waitFor(() -> robot.lookup((Node n) -> n instanceof Label l
                && "Not acknowledged: Connection refused".equals(l.getText()) && l.isVisible()).tryQuery().isPresent());
        assertThat(heading(robot).getText()).isEqualTo("Needs review (3)");

        robot.clickOn(acknowledgeButton(robot, "r2"));
        waitFor(() -> robot.lookup("#acknowledge-note").tryQuery().isPresent());
        assertThat(robot.lookup("#acknowledge-note").queryAs(TextArea.class).getText())
                .as("the note written before is still there").isEqualTo("Called him back in");
        assertThat(robot.lookup("#acknowledge-ok").query().isDisabled()).isFalse();
        robot.clickOn("#acknowledge-cancel");
        assertThat(reviews.acks).as("cancel sends nothing").hasSize(1);
    }

    private Label heading(FxRobot robot) {
        return robot.from(stage.getScene().getRoot()).lookup("#needs-review-heading").queryAs(Label.class);
    }

    /** The list's rows, read on the UI thread (which may be changing them). */
    @SuppressWarnings("unchecked")
    private List<ReviewRow> rows(FxRobot robot) throws Exception {
        ListView<ReviewRow> list = robot.from(stage.getScene().getRoot()).lookup("#needs-review-list").queryAs(ListView.class);
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(list.getItems())).get(WAIT_S, TimeUnit.SECONDS);
    }

    /** The Acknowledge button of item {@code id}, once its cell is laid out. */
    private Button acknowledgeButton(FxRobot robot, String id) throws TimeoutException {
        // In this test's window only, scrolled into view, after the list's pending layout: cells are recycled.
        @SuppressWarnings("unchecked")
        ListView<ReviewRow> list = robot.from(stage.getScene().getRoot()).lookup("#needs-review-list").queryAs(ListView.class);
        robot.interact(() -> list.getItems().stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(list::scrollTo));
        WaitForAsyncUtils.waitForFxEvents();
        waitFor(() -> robot.from(stage.getScene().getRoot()).lookup("#acknowledge-" + id).tryQuery()
                .filter(n -> n.isVisible() && n.getScene() != null).isPresent());
        return robot.from(stage.getScene().getRoot()).lookup("#acknowledge-" + id).queryButton();
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, condition);
    }
}
