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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Sign out keeps the desk's queued scans: a scan taken while the server is down, then Sign out, shows as waiting
 * on the sign-in window; once the server is back (same port, same database) the next sign-in sends it.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class DeskSignOutTest {
    private static final long WAIT_S = 30;
    private TestServer server;
    private ConnectionService service;
    private Path dataDir;
    private int port;

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("testfx.robot", "glass");
        dataDir = Files.createTempDirectory("avgym-signout");
        server = TestServer.start(dataDir, c -> c);
        port = server.server().port();
        URI base = URI.create(server.server().baseUrl());
        service = ConnectionService.create(ClientConfig.defaults(base,
                Files.createTempDirectory("avgym-signout-desk").resolve("desk-queue.db")));
        new DeskApp(new DeskContext(service, base, true, null, "Front desk", ZoneId.systemDefault(),
                Duration.ofSeconds(5))).start(stage);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aScanQueuedBeforeSignOutSyncsAfterTheNextSignIn(FxRobot robot) throws Exception {
        signIn(robot);
        server.close();
        Label banner = robot.lookup("#banner-text").queryAs(Label.class);
        waitFor(() -> !"Live".equals(banner.getText()));

        robot.clickOn("#scanner-field").write("M0026").type(KeyCode.ENTER);
        Label result = robot.lookup("#scan-result").queryAs(Label.class);
        waitFor(() -> result.getStyleClass().contains("result-queued"));

        robot.clickOn("#sign-out");
        waitFor(() -> robot.lookup("#sign-in").tryQuery().map(n -> n.isVisible() && n.getScene() != null).orElse(false)
                && robot.lookup("#password").tryQuery().isPresent());
        Label waiting = robot.lookup("#waiting-scans").queryAs(Label.class);
        waitFor(() -> waiting.isVisible() && waiting.getText().equals("1 check-in is waiting: it syncs after the next sign-in."));
        assertThat(service.pendingScans().get(WAIT_S, TimeUnit.SECONDS)).hasSize(1);

        server = TestServer.start(dataDir, c -> c.withAddress("127.0.0.1", port));
        String token = server.login("desk").access();
        assertThat(server.rest().get("/api/members/by-number/M0026", token).body().path("openCheckInId").isNull())
                .as("nothing reached the server while it was down").isTrue();

        signIn(robot);
        waitFor(() -> server.rest().get("/api/members/by-number/M0026", token).body().path("openCheckInId").isTextual());
        waitFor(() -> service.pendingScans().get(WAIT_S, TimeUnit.SECONDS).isEmpty());
        assertThat(robot.lookup("#signed-in-user").queryAs(Label.class).getText()).endsWith("staff");
    }

    private static void signIn(FxRobot robot) throws TimeoutException {
        robot.clickOn("#password").write(TestServer.PASSWORD);
        robot.clickOn("#sign-in");
        Label banner = robot.lookup("#banner-text").queryAs(Label.class);
        waitFor(() -> robot.lookup("#scanner-field").tryQuery().map(n -> n.getScene() != null).orElse(false)
                && "Live".equals(banner.getText()));
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, condition);
    }
}
