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
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the desk's UI tests share: one real server per test class, and per test the desk app ("Front desk") on
 * a fresh real connection service, so each test's sign-in starts from CLOSED. Needs a display; CI runs these
 * under Xvfb ({@code xvfb-run -a ./mvnw ...}). JUnit does not inherit {@code @EnabledIfEnvironmentVariable}, so
 * each test class carries its own, to skip itself without one.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
abstract class DeskUiTest {
    static final long WAIT_S = 20;
    static final ZoneId GYM = ZoneId.systemDefault();
    static TestServer server;
    /** An access token of the demo desk user, for the tests' own REST calls. */
    static String token;
    ConnectionService service;
    Stage stage;

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

    /**
     * Starts the desk on TestFX's stage. TestFX looks for {@code @Start} only among the test class's own methods,
     * so each test class overrides this with an annotated call to it.
     */
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path queue = Files.createTempDirectory("avgym-desk-test").resolve("desk-queue.db");
        URI base = URI.create(server.server().baseUrl());
        service = ConnectionService.create(ClientConfig.defaults(base, queue));
        new DeskApp(new DeskContext(service, base, true, demoPassword(), "Front desk", GYM, Duration.ofSeconds(5)))
                .start(stage);
    }

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    /** The one-time password the sign-in window shows; none by default. */
    String demoPassword() {
        return null;
    }

    /** Signs in as the demo desk user and waits for the check-in desk and the "Live" chip. */
    static void signIn(FxRobot robot) throws TimeoutException {
        robot.clickOn("#password").write(TestServer.PASSWORD);
        robot.clickOn("#sign-in");
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> robot.lookup("#scanner-field").tryQuery().isPresent());
        Label banner = robot.lookup("#banner-text").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> "Live".equals(banner.getText()));
    }

    static String memberName(String number) {
        String name = server.rest().get("/api/members/by-number/" + number, token).body().path("fullName").asText();
        assertThat(name).isNotBlank();
        return name;
    }
}
