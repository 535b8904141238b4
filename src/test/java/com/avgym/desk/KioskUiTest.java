package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.desk.viewmodel.KioskResultText;
import com.avgym.desk.viewmodel.KioskViewModel;
import java.time.Duration;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The kiosk against a real server: a scan's answer fills the screen and goes after 4 s (on the manual clock), a
 * refusal in the member's words, an amber answer while the server is down, the attract screen after 2 minutes, and
 * "Out of service" when the device account is refused. Screenshots of each screen go to target/screens/kiosk-*.png.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class KioskUiTest extends KioskUiTestBase {

    @Start
    void start(Stage stage) throws Exception {
        startKiosk(stage);
    }

    private String firstName(String number) {
        String admin = server.login("admin").access();
        return server.rest().get("/api/members/by-number/" + number, admin).body().path("fullName").asText().split(" ")[0];
    }

    private static Node result(FxRobot robot) {
        return robot.lookup("#kiosk-result").query();
    }

    private static boolean dot(FxRobot robot, String state) {
        return robot.lookup("#kiosk-dot").queryAs(Circle.class).getStyleClass().contains("kiosk-dot-" + state);
    }

    @Test
    void aScanFillsTheScreenWithTheWelcomeAndPhotoThenTheKioskResetsAfterFourSeconds(FxRobot robot) throws Exception {
        assertThat(stage.getTitle()).isEqualTo("AV-Gym Kiosk");
        assertThat(label(robot, "#kiosk-staff-heading").getText()).isEqualTo(KioskApp.SETUP);
        signInDevice(robot);
        waitFor(() -> dot(robot, "live"));
        assertThat(label(robot, "#kiosk-gym").getText()).isEqualTo(GYM_NAME);
        assertThat(label(robot, "#kiosk-clock").getText()).matches("\\d\\d:\\d\\d");
        assertThat(stage.isFullScreen()).isTrue();
        screenshot("kiosk-scan");

        // Escape does not leave the kiosk or its full screen.
        robot.type(KeyCode.ESCAPE);
        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.isFullScreen()).isTrue();

        String first = firstName("M0003");
        scan(robot, "M0003");
        waitFor(() -> label(robot, "#kiosk-headline").getText().equals("Welcome, " + first));
        Node result = result(robot);
        assertThat(result.getStyleClass()).contains("kiosk-result", "tone-green");
        assertThat(visible(robot, "#kiosk-prompt")).isFalse();
        // Full screen: the result covers the whole window.
        assertThat(result.getLayoutBounds().getWidth()).isEqualTo(stage.getScene().getWidth());
        assertThat(result.getLayoutBounds().getHeight()).isEqualTo(stage.getScene().getHeight());
        ImageView photo = (ImageView) robot.lookup("#kiosk-photo").queryAs(StackPane.class).getChildren().get(1);
        waitFor(() -> photo.getImage() != null);
        screenshot("kiosk-green");

        advance(robot, KioskViewModel.RESULT_FOR.minusMillis(1));
        assertThat(visible(robot, "#kiosk-result")).isTrue();
        advance(robot, Duration.ofMillis(1));
        waitFor(() -> visible(robot, "#kiosk-prompt") && !visible(robot, "#kiosk-result"));
        // Really checked in on the server.
        String admin = server.login("admin").access();
        assertThat(server.rest().get("/api/members/by-number/M0003", admin).body().path("openCheckInId").asText())
                .isNotBlank();
    }

    @Test
    void refusalsAreRedInTheMembersWordsAndANewScanReplacesTheResult(FxRobot robot) throws Exception {
        signInDevice(robot);
        scan(robot, "M0049");
        waitFor(() -> label(robot, "#kiosk-headline").getText().startsWith("Your membership ended on "));
        assertThat(result(robot).getStyleClass()).contains("tone-red").doesNotContain("tone-green");
        assertThat(label(robot, "#kiosk-detail").getText()).isEqualTo("Please see the front desk");
        screenshot("kiosk-red");

        scan(robot, "M9999");
        waitFor(() -> label(robot, "#kiosk-headline").getText().equals(KioskResultText.NOT_RECOGNISED));
        scan(robot, "M0050");
        waitFor(() -> label(robot, "#kiosk-headline").getText().equals(KioskResultText.NOT_ACTIVE));
        assertThat(result(robot).getStyleClass()).contains("tone-red");
    }

    @Test
    void withTheServerStoppedAScanIsAnsweredAmberAndTheDotShowsItWaiting(FxRobot robot) throws Exception {
        signInDevice(robot);
        waitFor(() -> dot(robot, "live"));
        server.close();
        waitFor(() -> dot(robot, "offline"));

        scan(robot, "M0003");
        waitFor(() -> result(robot).getStyleClass().contains("tone-amber"));
        // Without a roster the scan only waits; with one (branch k-roster-client) the kiosk admits it offline.
        assertThat(label(robot, "#kiosk-headline").getText()).isIn(KioskResultText.SAVED, KioskResultText.OFFLINE_ADMIT);
        waitFor(() -> label(robot, "#kiosk-waiting").getText().equals("1"));
        assertThat(dot(robot, "offline")).isTrue();
        advance(robot, KioskViewModel.RESULT_FOR);
        waitFor(() -> visible(robot, "#kiosk-prompt"));
        assertThat(service.pendingScans().get()).hasSize(1);
    }

    @Test
    void withTheServerAwayTheKioskDecidesFromItsRosterAmberForMembersRedForTheRest(FxRobot robot) throws Exception {
        signInDevice(robot);
        waitFor(() -> dot(robot, "live"));
        // The roster is synced at sign-in: all 50 demo members.
        waitFor(() -> service.roster().state().synced() && service.roster().size() == 50);
        server.close();
        waitFor(() -> dot(robot, "offline"));

        // The figure: from the scanner's Enter to the verdict on screen (measured, not asserted).
        robot.write("M0003");
        long enter = System.nanoTime();
        robot.type(KeyCode.ENTER);
        waitFor(() -> label(robot, "#kiosk-headline").getText().equals(KioskResultText.OFFLINE_ADMIT));
        com.avgym.client.support.ClientFixture.figure(String.format(java.util.Locale.ROOT,
                "kiosk offline verdict, Enter to amber screen: %.0f ms (UI test, roster of 50)",
                (System.nanoTime() - enter) / 1e6));
        assertThat(result(robot).getStyleClass()).contains("tone-amber");
        waitFor(() -> label(robot, "#kiosk-waiting").getText().equals("1"));
        screenshot("kiosk-amber-offline");

        scan(robot, "M0049");
        waitFor(() -> label(robot, "#kiosk-headline").getText().equals("Your membership has ended"));
        assertThat(result(robot).getStyleClass()).contains("tone-red");
        assertThat(label(robot, "#kiosk-detail").getText()).isEqualTo("Please see the front desk");
        scan(robot, "M0050");
        waitFor(() -> label(robot, "#kiosk-headline").getText().equals(KioskResultText.NOT_ACTIVE));
        scan(robot, "M9999");
        waitFor(() -> label(robot, "#kiosk-headline").getText().equals(KioskResultText.NOT_RECOGNISED));
        assertThat(result(robot).getStyleClass()).contains("tone-red");
        // Every scan is kept for the server, refusals too (a wrong refusal is listed for review there).
        assertThat(service.pendingScans().get()).hasSize(4);
    }

    @Test
    void afterTheServerRestartsTheKioskIsLiveAgainAndTheScanTakenMeanwhileIsRecorded(FxRobot robot) throws Exception {
        signInDevice(robot);
        waitFor(() -> dot(robot, "live"));
        int port = server.server().port();
        java.nio.file.Path data = server.dataDir();
        server.close();
        waitFor(() -> dot(robot, "offline"));
        scan(robot, "M0006");
        waitFor(() -> result(robot).getStyleClass().contains("tone-amber"));

        server = com.avgym.client.support.ClientFixture.restart(data, port, java.util.function.UnaryOperator.identity());
        waitFor(() -> dot(robot, "live") && label(robot, "#kiosk-waiting").getText().isEmpty());
        waitFor(() -> service.pendingScans().get().isEmpty());
        String admin = server.login("admin").access();
        assertThat(server.rest().get("/api/members/by-number/M0006", admin).body().path("openCheckInId").asText())
                .isNotBlank();
        String first = firstName("M0007");
        scan(robot, "M0007");
        waitFor(() -> label(robot, "#kiosk-headline").getText().equals("Welcome, " + first));
        assertThat(visible(robot, "#kiosk-staff")).isFalse();
    }

    @Test
    void aRestartResumesTheSavedDeviceSessionWithoutAPassword(FxRobot robot) throws Exception {
        signInDevice(robot);
        waitFor(() -> dot(robot, "live"));
        assertThat(java.nio.file.Files.getPosixFilePermissions(sessionFile()))
                .containsOnly(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        restartKiosk(robot);
        waitFor(() -> !visible(robot, "#kiosk-staff") && visible(robot, "#kiosk-prompt") && dot(robot, "live"));
        String first = firstName("M0008");
        scan(robot, "M0008");
        waitFor(() -> label(robot, "#kiosk-headline").getText().equals("Welcome, " + first));
    }

    @Test
    void aSavedSessionTheServerRefusesAtStartShowsOutOfServiceNotTheSetup(FxRobot robot) throws Exception {
        signInDevice(robot);
        waitFor(() -> dot(robot, "live"));
        String admin = server.login("admin").access();
        // The device account is deactivated while the kiosk is switched off.
        restartKiosk(robot, () -> assertThat(server.rest().patch("/api/users/" + DEVICE_USER, admin,
                Map.of("active", false)).status()).isEqualTo(200));

        waitFor(() -> visible(robot, "#kiosk-staff")
                && label(robot, "#kiosk-staff-heading").getText().equals(KioskApp.OUT_OF_SERVICE));
        assertThat(visible(robot, "#kiosk-prompt")).isFalse();
        assertThat(server.rest().patch("/api/users/" + DEVICE_USER, admin, Map.of("active", true)).status()).isEqualTo(200);
        signInDevice(robot);
        waitFor(() -> dot(robot, "live"));
    }

    @Test
    void twoIdleMinutesShowTheAttractScreenWhichAKeyOrAScanLeaves(FxRobot robot) throws Exception {
        signInDevice(robot);
        advance(robot, KioskViewModel.IDLE_AFTER.minusSeconds(1));
        assertThat(visible(robot, "#kiosk-attract")).isFalse();
        advance(robot, Duration.ofSeconds(1));
        waitFor(() -> visible(robot, "#kiosk-attract") && !visible(robot, "#kiosk-prompt"));
        screenshot("kiosk-attract");
        // It drifts, so the text does not burn into the panel.
        Node text = robot.lookup("#kiosk-attract-text").query();
        double x = text.getTranslateX();
        double y = text.getTranslateY();
        waitFor(() -> text.getTranslateX() != x && text.getTranslateY() != y);

        robot.type(KeyCode.SHIFT);
        waitFor(() -> visible(robot, "#kiosk-prompt") && !visible(robot, "#kiosk-attract"));

        advance(robot, KioskViewModel.IDLE_AFTER);
        waitFor(() -> visible(robot, "#kiosk-attract"));
        String first = firstName("M0004");
        scan(robot, "M0004");
        waitFor(() -> label(robot, "#kiosk-headline").getText().equals("Welcome, " + first));
        assertThat(visible(robot, "#kiosk-attract")).isFalse();
    }

    @Test
    void aRefusedDeviceAccountTakesTheKioskOutOfServiceUntilStaffSignItInAgain(FxRobot robot) throws Exception {
        signInDevice(robot);
        waitFor(() -> dot(robot, "live"));
        String admin = server.login("admin").access();
        assertThat(server.rest().patch("/api/users/" + DEVICE_USER, admin, Map.of("active", false)).status()).isEqualTo(200);

        waitFor(() -> visible(robot, "#kiosk-staff"));
        assertThat(label(robot, "#kiosk-staff-heading").getText()).isEqualTo("Out of service: staff sign-in needed");
        assertThat(visible(robot, "#kiosk-prompt")).isFalse();
        screenshot("kiosk-out-of-service");

        assertThat(server.rest().patch("/api/users/" + DEVICE_USER, admin, Map.of("active", true)).status()).isEqualTo(200);
        signInDevice(robot);
        waitFor(() -> dot(robot, "live"));
        String first = firstName("M0005");
        scan(robot, "M0005");
        waitFor(() -> label(robot, "#kiosk-headline").getText().equals("Welcome, " + first));
    }
}
