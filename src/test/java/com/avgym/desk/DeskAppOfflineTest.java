package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ClientConfig;
import com.avgym.client.ConnectionService;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
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
 * The banner tells the truth when the server goes away: after "Live" it says "Connection lost..." and then
 * "Offline", never "Live" again; a scan taken offline is reported as queued and decided from the member list (issue
 * 11), not as a success.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class DeskAppOfflineTest {
    private static final long WAIT_S = 30;
    private static TestServer server;
    private static ConnectionService service;

    @BeforeAll
    static void startServer() throws Exception {
        System.setProperty("testfx.robot", "glass");
        server = TestServer.start();
        service = ConnectionService.create(ClientConfig.defaults(URI.create(server.server().baseUrl()),
                Files.createTempDirectory("avgym-desk-offline").resolve("desk-queue.db")));
    }

    @AfterAll
    static void stop() {
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
    void afterTheServerStopsTheBannerNeverSaysLiveAndScansAreQueued(FxRobot robot) throws TimeoutException {
        robot.clickOn("#password").write(TestServer.PASSWORD);
        robot.clickOn("#sign-in");
        Label banner = robot.lookup("#banner-text").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> "Live".equals(banner.getText()));
        List<String> seen = new CopyOnWriteArrayList<>();
        robot.interact(() -> banner.textProperty().addListener((o, was, now) -> seen.add(now)));
        // The member list is synced on arrival in LIVE; with it the queued scan below is also decided offline.
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> service.roster().state().synced());

        server.close();

        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> banner.getText().startsWith("Offline: "));
        assertThat(seen).first().asString().startsWith("Connection lost. Reconnecting");
        assertThat(seen).noneMatch(t -> t.contains("Live"));
        // Between attempts: what waits, when the next try is, and a button to skip the wait.
        Button action = robot.lookup("#banner-action").queryButton();
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                banner.getText().matches("Offline: no check-ins waiting to sync \u00b7 next try in \\d+ s")
                        && action.isVisible() && action.getText().equals("Retry now")).get());

        robot.clickOn("#scanner-field").write("M0003").type(KeyCode.ENTER);

        Label result = robot.lookup("#scan-result").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> result.getStyleClass().contains("result-queued"));
        assertThat(result.getText()).as("queued and decided from the member list, never a server's success")
                .matches("Offline check, member list from \\d\\d:\\d\\d: membership active, let in");
        assertThat(robot.lookup("#result-panel").query().getStyleClass()).contains("panel-offline_admitted");
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS,
                () -> banner.getText().startsWith("Offline: 1 check-in waiting to sync \u00b7 "));
        Label pending = robot.lookup("#banner-pending").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> pending.getText().contains("Check-in M0003"));

        robot.clickOn("#banner-details-toggle");
        assertThat(robot.lookup("#banner-details").queryAs(Label.class).getText())
                .contains("State: OFFLINE", "Error type: ", "Retryable: yes");
        assertThat(seen).noneMatch(t -> t.contains("Live"));
    }
}
