package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ClientConfig;
import com.avgym.client.ConnectionService;
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

/** The window opens before the built-in server is up, says so, and then shows the one-time demo password or the failure. */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class DeskStartTest {
    private final CompletableFuture<String> backend = new CompletableFuture<>();
    private ConnectionService service;

    @Start
    void start(Stage stage) throws Exception {
        // Nothing listens here: the service is never asked to connect in these tests.
        service = ConnectionService.create(ClientConfig.defaults(URI.create("http://127.0.0.1:9"),
                Files.createTempDirectory("avgym-desk-start").resolve("desk-queue.db")));
        new DeskApp(new DeskContext(service, URI.create("http://127.0.0.1:9"), true, "Front desk", ZoneId.systemDefault(),
                Duration.ofSeconds(5), backend)).start(stage);
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void showsStartingThenTheDemoPassword(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#backend-status").queryAs(Label.class).getText()).isEqualTo("Starting the built-in server...");
        assertThat(robot.lookup("#demo-password").tryQuery()).isEmpty();

        backend.complete("generated-pw-42");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#demo-password").tryQuery().isPresent());
        assertThat(robot.lookup("#demo-password").queryAs(Label.class).getText()).endsWith("generated-pw-42");
        assertThat(robot.lookup("#backend-status").tryQuery()).isEmpty();
    }

    @Test
    void aServerThatCannotStartIsExplained(FxRobot robot) throws Exception {
        backend.completeExceptionally(new IllegalStateException("database is locked"));

        Label error = robot.lookup("#sign-in-error").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !error.getText().isEmpty());
        assertThat(error.getText()).isEqualTo("The built-in server could not start: database is locked. Close the app and see the log.");
    }
}
