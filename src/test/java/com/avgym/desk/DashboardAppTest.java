package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.desk.viewmodel.ActivityRow;
import com.avgym.server.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.api.FxService;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard against a real server and the real connection service: this desk's scan counts up the tiles
 * without a toast; another desk's check-in (made by REST with another login) shows in the recent list, as a
 * toast and in the current hour's bar. Saves target/screens/dashboard.png.
 */
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DashboardAppTest extends DeskUiTestBase {
    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Test
    void aScanAtThisDeskCountsUpTheTilesAndMakesNoToast(FxRobot robot) throws TimeoutException {
        String name = memberName("M0005");
        signInAndOpenDashboard(robot);
        Label inGym = robot.lookup("#tile-in-gym").queryAs(Label.class);
        Label today = robot.lookup("#tile-today").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> inGym.getText().matches("\\d+"));
        JsonNode before = server.rest().get("/api/checkins/stats", token).body();

        robot.clickOn("#tab-check-in");
        robot.clickOn("#scanner-field").write("M0005").type(KeyCode.ENTER);
        Label result = robot.lookup("#scan-result").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> result.getStyleClass().contains("result-success"));
        robot.clickOn("#tab-dashboard");

        String inGymNow = Long.toString(before.path("currentlyIn").asLong() + 1);
        String todayNow = Long.toString(before.path("todayTotal").asLong() + 1);
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS,
                () -> inGym.getText().equals(inGymNow) && today.getText().equals(todayNow));
        assertThat(firstActivity(robot)).isEqualTo(name + " checked in at Front desk");
        // The broadcast reached the dashboard before the answer reached the result line (both via runLater).
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(toastShows(robot, name)).as("our own check-in is no news to this desk").isFalse();
    }

    @Test
    void anotherDesksCheckInShowsInTheListAsAToastAndInTheChart(FxRobot robot) throws Exception {
        String name = memberName("M0006");
        signInAndOpenDashboard(robot);
        BarChart<?, ?> chart = robot.lookup("#hourly-chart").queryAs(BarChart.class);
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> bars(chart).getData().size() == 24);
        JsonNode hourlyBefore = server.rest().get("/api/checkins/hourly", token).body().path("counts");

        // Another desk: another user's session, by REST.
        String otherDesk = server.login("admin").access();
        Rest.Response created = server.rest().post("/api/checkins/", otherDesk, Map.of(
                "clientRequestId", UUID.randomUUID().toString(), "membershipNumber", "M0006", "location", "Side door"));
        assertThat(created.status()).isEqualTo(201);
        int hour = Instant.parse(created.body().path("checkIn").path("checkInTime").asText()).atZone(GYM).getHour();

        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS,
                () -> (name + " checked in at Side door").equals(firstActivity(robot)));
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> toastShows(robot, name + " checked in at Side door"));
        int expected = hourlyBefore.get(hour).asInt() + 1;
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS,
                () -> bars(chart).getData().get(hour).getYValue().intValue() == expected);
        assertThat(robot.lookup("#hourly-error").queryAs(Label.class).isVisible()).isFalse();

        saveScreenshot(robot, Path.of("target", "screens", "dashboard.png"));
    }

    private void signInAndOpenDashboard(FxRobot robot) throws TimeoutException {
        signIn(robot);
        robot.clickOn("#tab-dashboard");
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> robot.lookup("#dashboard").query().isVisible());
    }

    /** The newest line of the recent-activity list, without its " · 09:12". */
    private static String firstActivity(FxRobot robot) {
        ListView<?> list = robot.lookup("#recent-activity").queryAs(ListView.class);
        if (list.getItems().isEmpty()) {
            return "";
        }
        String text = ((ActivityRow) list.getItems().getFirst()).text();
        return text.substring(0, text.lastIndexOf(" · "));
    }

    /** ControlsFX shows each toast in a popup window of its own; TestFX looks through every window. */
    private static boolean toastShows(FxRobot robot, String text) {
        return robot.lookup(".desk-toast").lookup((Node n) -> n instanceof Labeled l && l.getText() != null
                && l.getText().contains(text)).tryQuery().isPresent();
    }

    @SuppressWarnings("unchecked")
    private static XYChart.Series<String, Number> bars(BarChart<?, ?> chart) {
        return (XYChart.Series<String, Number>) chart.getData().getFirst();
    }

    /** The window's area of the screen, so the toast (a popup over the window) is in the picture too. */
    private void saveScreenshot(FxRobot robot, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Rectangle2D area = WaitForAsyncUtils.asyncFx(
                () -> new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight())).get();
        // The screen shows the scene graph one pulse late; without this the picture can predate the last update.
        WaitForAsyncUtils.waitForFxEvents();
        FxService.serviceContext().getCaptureSupport().saveImage(robot.capture(area).getImage(), file);
        assertThat(file).isNotEmptyFile();
    }
}
