package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ClientConfig;
import com.avgym.client.ConnectionService;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desk end to end against a real server: sign in, scan a card, and see the server-confirmed success.
 * Needs a display; CI runs it under Xvfb ({@code xvfb-run -a ./mvnw ...}), and it is skipped without one.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class DeskAppScanTest {
    private static final long WAIT_S = 20;
    /** What the CLI passes when the embedded server generated the demo password on this run. */
    private static final String DEMO_PASSWORD = "generated-once-123";
    private static TestServer server;
    private static String token;
    private ConnectionService service;

    @BeforeAll
    static void startServer() {
        // Glass's own robot works under Xvfb without AWT.
        System.setProperty("testfx.robot", "glass");
        server = TestServer.start();
        token = server.login("desk").access();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** A fresh connection service per test, so each test's sign-in starts from CLOSED. */
    @Start
    void start(Stage stage) throws Exception {
        Path queue = Files.createTempDirectory("avgym-desk-test").resolve("desk-queue.db");
        service = createService(queue);
        new DeskApp(new DeskContext(service, URI.create(server.server().baseUrl()), true, DEMO_PASSWORD, "Front desk",
                ZoneId.systemDefault(), Duration.ofSeconds(5))).start(stage);
    }

    private static ConnectionService createService(Path queue) throws SQLException {
        return ConnectionService.create(ClientConfig.defaults(URI.create(server.server().baseUrl()), queue));
    }

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void signsInAndChecksAMemberInFromTheScannerField(FxRobot robot) throws TimeoutException {
        String fullName = memberName("M0001");
        assertThat(robot.lookup("#demo-password").queryAs(Label.class).getText()).endsWith(DEMO_PASSWORD);
        signIn(robot);

        robot.clickOn("#scanner-field").write("M0001").type(KeyCode.ENTER);

        Label result = awaitSuccess(robot);
        assertThat(result.getText()).isEqualTo("Checked in: " + fullName);
        assertThat(server.rest().get("/api/members/by-number/M0001", token).body().path("openCheckInId").isTextual())
                .as("the server has the open visit").isTrue();
        assertThat(robot.lookup("#scanner-field").queryTextInputControl().getText())
                .as("the field is cleared for the next member").isEmpty();
    }

    @Test
    void aScannerBurstIsCaughtWhereverTheFocusIsAndItsDoubleReadIsIgnored(FxRobot robot) throws TimeoutException {
        String fullName = memberName("M0002");
        signIn(robot);
        Button checkOut = robot.lookup("#check-out").queryButton();
        robot.interact(checkOut::requestFocus);

        // Fired in one go on the UI thread: keys microseconds apart, as a wedge scanner sends them.
        robot.interact(() -> scannerBurst(checkOut, "M0002"));
        Label result = awaitSuccess(robot);
        assertThat(result.getText()).isEqualTo("Checked in: " + fullName);

        robot.interact(() -> scannerBurst(checkOut, "M0002"));
        // A second scan would have turned the line to "Checking in M0002..." synchronously on the UI thread.
        assertThat(result.getText()).as("the same card within 2 s is the scanner's double read")
                .isEqualTo("Checked in: " + fullName);
        assertThat(result.getStyleClass()).contains("result-success");
    }

    private static void scannerBurst(Node target, String code) {
        for (char c : code.toCharArray()) {
            Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(c), "", KeyCode.UNDEFINED,
                    false, false, false, false));
        }
        Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
    }

    private void signIn(FxRobot robot) throws TimeoutException {
        robot.clickOn("#password").write(TestServer.PASSWORD);
        robot.clickOn("#sign-in");
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> robot.lookup("#scanner-field").tryQuery().isPresent());
        Label banner = robot.lookup("#banner-text").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> "Live".equals(banner.getText()));
    }

    private static Label awaitSuccess(FxRobot robot) throws TimeoutException {
        Label result = robot.lookup("#scan-result").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> result.getStyleClass().contains("result-success"));
        return result;
    }

    private static String memberName(String number) {
        String name = server.rest().get("/api/members/by-number/" + number, token).body().path("fullName").asText();
        assertThat(name).isNotBlank();
        return name;
    }
}
