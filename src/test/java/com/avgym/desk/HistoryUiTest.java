package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.desk.viewmodel.HistoryRow;
import com.avgym.desk.viewmodel.HistoryRowText;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The History tab against a real server: live rows, the In filter, and Check out from a row. */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class HistoryUiTest extends DeskUiTestBase {
    @BeforeAll
    static void finishedVisit() {
        // So "All" has something "In" must leave out.
        checkInElsewhere("M0020");
        checkOutElsewhere("M0020");
    }

    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Test
    void aCheckInAtAnotherDeskAppearsLiveAndInShowsOnlyOpenVisits(FxRobot robot) throws Exception {
        TableView<HistoryRow> table = openHistory(robot);
        waitFor(() -> table.getItems().stream().anyMatch(r -> !r.open()));

        String visitId = checkInElsewhere("M0021");
        waitFor(() -> !table.getItems().isEmpty() && visitId.equals(table.getItems().getFirst().id()));
        HistoryRow top = table.getItems().getFirst();
        assertThat(top.number()).isEqualTo("M0021");
        assertThat(top.checkOut()).isEqualTo(HistoryRowText.INSIDE);
        assertThat(top.location()).isEqualTo("Side door");
        screenshot("history");

        robot.clickOn("#history-in");
        Label page = label(robot, "#history-page");
        waitFor(() -> !page.getText().contains("loading") && table.getItems().stream().allMatch(HistoryRow::open));
        assertThat(table.getItems()).extracting(HistoryRow::id).contains(visitId);
        assertThat(page.getText()).isEqualTo("page 1 of 1 · " + table.getItems().size()
                + (table.getItems().size() == 1 ? " visit" : " visits"));
    }

    @Test
    void theRowsCheckOutClosesTheVisitOnTheServer(FxRobot robot) throws Exception {
        String visitId = checkInElsewhere("M0022");
        TableView<HistoryRow> table = openHistory(robot);
        robot.clickOn("#history-in");
        waitFor(() -> table.getItems().stream().anyMatch(r -> r.id().equals(visitId)));

        TableRow<?> row = robot.lookup(".table-row-cell")
                .match((TableRow<?> r) -> r.getItem() instanceof HistoryRow h && h.id().equals(visitId))
                .queryAs(TableRow.class);
        Button checkOut = robot.from(row).lookup(".row-check-out").queryButton();
        assertThat(checkOut.getText()).isEqualTo("Check out");
        robot.clickOn(checkOut);

        Label action = label(robot, "#history-action");
        waitFor(() -> action.getStyleClass().contains("result-success"));
        assertThat(action.getText()).isEqualTo("Checked out: " + memberName("M0022"));
        HistoryRow closed = table.getItems().stream().filter(r -> r.id().equals(visitId)).findFirst().orElseThrow();
        assertThat(closed.open()).as("updated in place").isFalse();
        assertThat(closed.checkOut()).isNotEqualTo(HistoryRowText.INSIDE);

        JsonNode onServer = server.rest().get("/api/checkins/history?status=out&q=M0022", token).body();
        assertThat(onServer.path("results").findValuesAsText("id")).contains(visitId);
        assertThat(server.rest().get("/api/members/by-number/M0022", token).body().path("openCheckInId").isNull())
                .isTrue();
    }

    private static TableView<HistoryRow> openHistory(FxRobot robot) throws TimeoutException {
        signIn(robot);
        robot.clickOn("#tab-history");
        @SuppressWarnings("unchecked")
        TableView<HistoryRow> table = robot.lookup("#history-table").queryAs(TableView.class);
        Label page = label(robot, "#history-page");
        waitFor(() -> page.getText().startsWith("page ") && !page.getText().contains("loading"));
        return table;
    }
}
