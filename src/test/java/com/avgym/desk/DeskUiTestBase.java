package com.avgym.desk;

import com.avgym.client.ClientConfig;
import com.avgym.client.ConnectionService;
import com.avgym.desk.support.Screenshots;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the desk's UI tests share: one real server per test class, the app with a fresh real connection service
 * per test, signing in, waiting with a deadline, checking members in and out "at another desk" by REST, and
 * screenshots. Subclasses carry the ui tag, the DISPLAY condition and TestFX's extension themselves, and a
 * {@code @Start} method that calls {@link #startApp} (TestFX looks for it on the test class only).
 */
abstract class DeskUiTestBase {
    static final long WAIT_S = 20;
    /** The desk's zone, which the app takes as the gym's. */
    static final ZoneId GYM = ZoneId.systemDefault();
    static TestServer server;
    static String token;
    private ConnectionService service;
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

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    /** Starts the desk app in {@code stage} with a fresh connection service, so each test signs in from CLOSED. */
    void startApp(Stage stage) throws Exception {
        startApp(stage, null);
    }

    /** {@code demoPassword}: what the CLI passes when the embedded server generated one on this run. */
    void startApp(Stage stage, String demoPassword) throws Exception {
        this.stage = stage;
        Path queue = Files.createTempDirectory("avgym-desk-test").resolve("desk-queue.db");
        URI base = URI.create(server.server().baseUrl());
        service = ConnectionService.create(ClientConfig.defaults(base, queue));
        new DeskApp(new DeskContext(service, base, true, demoPassword, "Front desk", GYM,
                Duration.ofSeconds(5))).start(stage);
    }

    static void signIn(FxRobot robot) throws TimeoutException {
        robot.clickOn("#password").write(TestServer.PASSWORD);
        robot.clickOn("#sign-in");
        waitFor(() -> robot.lookup("#scanner-field").tryQuery().isPresent());
        Label banner = robot.lookup("#banner-text").queryAs(Label.class);
        waitFor(() -> "Live".equals(banner.getText()));
        // The screens are built at the first sign-in; the tab headers get their ids with their skins, a pulse later.
        waitFor(() -> robot.lookup("#tab-history").tryQuery().isPresent());
    }

    static Label label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, condition);
    }

    /** A check-in at another desk, by REST; returns the visit id. */
    static String checkInElsewhere(String number) {
        var r = server.rest().post("/api/checkins", token, Map.of("clientRequestId", UUID.randomUUID().toString(),
                "membershipNumber", number, "location", "Side door"));
        if (r.status() != 201) {
            throw new IllegalStateException("check-in of " + number + " refused: " + r.status() + " " + r.text());
        }
        return r.body().path("checkIn").path("id").asText();
    }

    static void checkOutElsewhere(String number) {
        var r = server.rest().post("/api/checkins/checkout", token,
                Map.of("clientRequestId", UUID.randomUUID().toString(), "membershipNumber", number));
        if (r.status() != 201) {
            throw new IllegalStateException("check-out of " + number + " refused: " + r.status() + " " + r.text());
        }
    }

    static String memberName(String number) {
        return server.rest().get("/api/members/by-number/" + number, token).body().path("fullName").asText();
    }

    /** The window as target/screens/NAME.png, for people reviewing the screen. */
    void screenshot(String name) {
        Screenshots.save(stage.getScene(), name);
    }
}
