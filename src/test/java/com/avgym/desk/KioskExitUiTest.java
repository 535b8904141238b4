package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.support.TestServer;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Staff at the kiosk: its sign-in takes the device account only (a staff session is signed out at once). Staff leave
 * kiosk mode with Ctrl+Alt+Shift+E and an admin or staff password checked by the server: a wrong password or a
 * trainer account keeps the kiosk up, the right one closes it, and offline nothing can be checked.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class KioskExitUiTest extends KioskUiTestBase {

    @Start
    void start(Stage stage) throws Exception {
        startKiosk(stage);
    }

    private static void openExit(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.SHIFT, KeyCode.E).release(KeyCode.E, KeyCode.SHIFT, KeyCode.ALT,
                KeyCode.CONTROL);
        waitFor(() -> visible(robot, "#exit-dialog"));
        waitFor(() -> robot.lookup("#exit-username").query().isFocused());
        // The chord's letter does not end up in the username field.
        assertThat(robot.lookup("#exit-username").queryAs(javafx.scene.control.TextField.class).getText()).isEmpty();
    }

    private static void tryExit(FxRobot robot, String user, String password) {
        robot.doubleClickOn("#exit-username").eraseText(12).write(user);
        robot.clickOn("#exit-password").write(password);
        robot.clickOn("#exit-leave");
    }

    @Test
    void aWrongPasswordOrATrainerStaysInTheKioskAndTheRightStaffPasswordClosesIt(FxRobot robot) throws Exception {
        signInDevice(robot);
        openExit(robot);
        screenshot("kiosk-exit-dialog");

        tryExit(robot, "admin", "not-the-password");
        waitFor(() -> label(robot, "#exit-message").getText().equals(StaffExitDialog.WRONG));
        assertThat(robot.lookup("#exit-password").queryAs(PasswordField.class).getText()).isEmpty();
        assertThat(stage.isShowing()).isTrue();

        tryExit(robot, "trainer", TestServer.PASSWORD);
        waitFor(() -> label(robot, "#exit-message").getText().equals(StaffExitDialog.WRONG));
        assertThat(stage.isShowing()).isTrue();

        // Cancel goes back to the kiosk, which still takes scans.
        robot.clickOn("#exit-cancel");
        waitFor(() -> !visible(robot, "#exit-dialog") && visible(robot, "#kiosk-prompt"));

        openExit(robot);
        tryExit(robot, "admin", TestServer.PASSWORD);
        waitFor(() -> !stage.isShowing());
    }

    @Test
    void theKioskRunsOnlyOnItsDeviceAccountNotOnAStaffSession(FxRobot robot) throws Exception {
        robot.doubleClickOn("#username").eraseText(12).write("desk");
        robot.clickOn("#password").write(TestServer.PASSWORD);
        robot.clickOn("#sign-in");
        waitFor(() -> label(robot, "#sign-in-error").getText().equals(KioskApp.NOT_A_DEVICE));
        assertThat(visible(robot, "#kiosk-staff")).isTrue();
        // Signed out again at once: nothing of the staff session is kept on the kiosk's disk.
        waitFor(() -> service.snapshot().state() == com.avgym.client.ConnectionState.CLOSED);
        waitFor(() -> !java.nio.file.Files.exists(sessionFile()));

        signInDevice(robot);
        assertThat(java.nio.file.Files.exists(sessionFile())).isTrue();
    }

    @Test
    void withTheServerAwayThePasswordCannotBeCheckedAndTheKioskStays(FxRobot robot) throws Exception {
        signInDevice(robot);
        server.close();
        openExit(robot);
        tryExit(robot, "admin", TestServer.PASSWORD);
        waitFor(() -> label(robot, "#exit-message").getText().equals(StaffExitDialog.OFFLINE));
        assertThat(stage.isShowing()).isTrue();
        assertThat(robot.lookup("#exit-password").queryAs(PasswordField.class).getText()).isEmpty();
    }
}
