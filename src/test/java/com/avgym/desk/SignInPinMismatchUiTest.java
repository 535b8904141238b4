package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ClientConfig;
import com.avgym.client.ConnectionService;
import com.avgym.client.ServerTrust;
import com.avgym.desk.support.Screenshots;
import com.avgym.server.support.TestServer;
import com.avgym.server.tls.TransportSecurity;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
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

/** A desk pinned to another certificate than the server's says so on the sign-in window, and stays there. */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class SignInPinMismatchUiTest {
    private static final String OTHER_PIN = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
            + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
    private TestServer server;
    private ConnectionService service;

    @Start
    void start(Stage stage) throws Exception {
        server = TestServer.start(c -> c.withTransport(TransportSecurity.selfSigned()));
        URI base = URI.create(server.server().baseUrl());
        service = ConnectionService.create(ClientConfig.defaults(base,
                Files.createTempDirectory("avgym-desk-pin").resolve("desk-queue.db")), ServerTrust.pinned(OTHER_PIN));
        new DeskApp(new DeskContext(service, base, false, "Front desk", ZoneId.systemDefault(), Duration.ofSeconds(5),
                CompletableFuture.completedFuture(null))).start(stage);
    }

    @AfterEach
    void close() {
        service.close();
        server.close();
    }

    @Test
    void theMismatchIsShownOnTheSignInWindow(FxRobot robot) throws Exception {
        robot.clickOn("#password").write(TestServer.PASSWORD);
        robot.clickOn("#sign-in");

        Label error = robot.lookup("#sign-in-error").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> error.getText().startsWith("Server certificate does not match the pinned fingerprint"));
        assertThat(error.getText()).contains(OTHER_PIN).contains(server.server().certificateFingerprint().orElseThrow());
        assertThat(robot.lookup("#sign-in").tryQuery()).as("still on the sign-in window").isPresent();
        Screenshots.save(error.getScene(), "sign-in-pin-mismatch");
    }
}
