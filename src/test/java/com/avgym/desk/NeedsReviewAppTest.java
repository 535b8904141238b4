package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.desk.viewmodel.HistoryRow;
import com.avgym.desk.viewmodel.ReviewRow;
import com.avgym.server.support.OfflineScans;
import com.avgym.server.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
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
 * End to end against a real server and the real connection service: another device's offline ADMIT of an expired
 * member reaches the server, which records the visit flagged and broadcasts reviews_changed; the open dashboard
 * lists it at once (no refresh), the history marks the visit, and acknowledging it with a note in the dialog
 * removes it once the server has it. Saves target/screens/dashboard-needs-review.png.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class NeedsReviewAppTest extends DeskUiTestBase {
    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Test
    void anOfflineAdmitTheServerDisagreesWithIsListedLiveMarkedInHistoryAndAcknowledgedWithANote(FxRobot robot)
            throws Exception {
        OfflineScans scans = new OfflineScans(server);
        Instant now = Instant.now();
        OfflineScans.Member expired = scans.member("active", scans.dayOf(now).minusDays(3));
        signIn(robot);
        robot.clickOn("#tab-dashboard");
        waitFor(() -> robot.lookup("#needs-review-list").tryQuery().isPresent());
        int before = rows(robot).size();

        // Another device (a kiosk's account, here a second login) syncs a scan it let in while offline.
        String kiosk = server.login("admin").access();
        Rest.Response synced = server.rest().post("/api/checkins/", kiosk,
                OfflineScans.scan(expired, "ADMIT", now.minusSeconds(300)));
        assertThat(synced.status()).as(synced.text()).isEqualTo(201);

        waitFor(() -> rows(robot).stream().anyMatch(r -> r.member().startsWith(expired.number())));
        ReviewRow row = rows(robot).stream().filter(r -> r.member().startsWith(expired.number())).findFirst().orElseThrow();
        assertThat(row.member()).isEqualTo(expired.number() + " " + expired.name());
        assertThat(row.what()).startsWith("Let in offline; membership had ended (");
        assertThat(row.location()).isEqualTo("Kiosk 1");
        assertThat(label(robot, "#needs-review-heading").getText()).isEqualTo("Needs review (" + (before + 1) + ")");
        screenshot("dashboard-needs-review");

        robot.clickOn("#tab-history");
        waitFor(() -> historyRows(robot).stream().anyMatch(r -> expired.number().equals(r.number())));
        HistoryRow visit = historyRows(robot).stream().filter(r -> expired.number().equals(r.number())).findFirst()
                .orElseThrow();
        assertThat(visit.autoClosed()).startsWith("needs review");
        assertThat(visit.review()).isEqualTo(row.what());

        robot.clickOn("#tab-dashboard");
        waitFor(() -> robot.lookup("#acknowledge-" + row.id()).tryQuery().filter(Node::isVisible).isPresent());
        robot.clickOn("#acknowledge-" + row.id());
        waitFor(() -> robot.lookup("#acknowledge-note").tryQuery().isPresent());
        assertThat(robot.lookup("#acknowledge-ok").query().isDisabled()).isTrue();
        robot.clickOn("#acknowledge-note").write("Renewed at the desk");
        robot.clickOn("#acknowledge-ok");

        waitFor(() -> rows(robot).stream().noneMatch(r -> r.id().equals(row.id())));
        JsonNode all = server.rest().get("/api/reviews/?state=all", token).body();
        JsonNode stored = null;
        for (JsonNode item : all) {
            if (item.path("id").asText().equals(row.id())) {
                stored = item;
            }
        }
        assertThat(stored).as("the server holds the acknowledgement").isNotNull();
        assertThat(stored.path("note").asText()).isEqualTo("Renewed at the desk");
        assertThat(stored.path("acknowledgedBy").asText()).isEqualTo("desk");
    }

    @SuppressWarnings("unchecked")
    private static List<ReviewRow> rows(FxRobot robot) throws Exception {
        ListView<ReviewRow> list = robot.lookup("#needs-review-list").queryAs(ListView.class);
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(list.getItems())).get(WAIT_S, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static List<HistoryRow> historyRows(FxRobot robot) throws Exception {
        TableView<HistoryRow> table = robot.lookup("#history-table").queryAs(TableView.class);
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(table.getItems())).get(WAIT_S, TimeUnit.SECONDS);
    }
}
