package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ClientConfig;
import com.avgym.client.ConnectionService;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
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
 * The desk end to end against a real server: sign in, scan a card into the number field, and see the
 * server-confirmed success. Needs a display; CI runs it under Xvfb ({@code xvfb-run -a ./mvnw ...}).
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class DeskAppScanTest {
    private static TestServer server;
    private static ConnectionService service;

    @BeforeAll
    static void startServer() throws Exception {
        // Glass's own robot works under Xvfb without AWT.
        System.setProperty("testfx.robot", "glass");
        server = TestServer.start();
        Path queue = Files.createTempDirectory("avgym-desk-test").resolve("desk-queue.db");
        service = ConnectionService.create(ClientConfig.defaults(URI.create(server.server().baseUrl()), queue));
    }

    @AfterAll
    static void stopServer() {
        if (service != null) {
            service.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Start
    void start(Stage stage) {
        new DeskApp(new DeskContext(service, URI.create(server.server().baseUrl()), true, null, "Front desk",
                ZoneId.systemDefault(), Duration.ofSeconds(5))).start(stage);
    }

    @Test
    void signsInAndChecksAMemberInFromTheScannerField(FxRobot robot) throws TimeoutException {
        String token = server.login("desk").access();
        String fullName = server.rest().get("/api/members/by-number/M0001", token).body().path("fullName").asText();
        assertThat(fullName).isNotBlank();

        robot.clickOn("#password").write(TestServer.PASSWORD);
        robot.clickOn("#sign-in");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#scanner-field").tryQuery().isPresent());
        Label banner = robot.lookup("#banner-text").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "Live".equals(banner.getText()));

        robot.clickOn("#scanner-field").write("M0001").type(KeyCode.ENTER);

        Label result = robot.lookup("#scan-result").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.getStyleClass().contains("result-success"));
        assertThat(result.getText()).isEqualTo("Checked in: " + fullName);
        assertThat(server.rest().get("/api/checkins/stats", token).body().path("currentlyIn").asInt()).isEqualTo(1);
        assertThat(robot.lookup("#scanner-field").queryTextInputControl().getText())
                .as("the field is cleared for the next member").isEmpty();
    }
}
