package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
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
 * A screen that throws on the UI thread is replaced by the error panel; "Reload view" builds it again; the
 * other screens keep working throughout.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class ErrorBoundaryTest {
    private final AtomicInteger built = new AtomicInteger();
    private Thread.UncaughtExceptionHandler previous;
    private Thread fxThread;

    /** A screen whose button has a bug. */
    private final class Broken implements DeskView {
        private final VBox root = new VBox();

        Broken() {
            Button bug = new Button("Break");
            bug.setId("bug");
            bug.setOnAction(e -> {
                throw new IllegalStateException("list index out of range");
            });
            Label label = new Label("build " + built.incrementAndGet());
            label.setId("broken-build");
            root.getChildren().addAll(label, bug);
        }

        @Override
        public Parent root() {
            return root;
        }
    }

    private static final class Fine implements DeskView {
        private final Label root = new Label("still fine");

        Fine() {
            root.setId("fine");
        }

        @Override
        public Parent root() {
            return root;
        }
    }

    @Start
    void start(Stage stage) {
        MainView main = new MainView(List.of(new ViewHost("Dashboard", Broken::new), new ViewHost("History", Fine::new)));
        fxThread = Thread.currentThread();
        previous = fxThread.getUncaughtExceptionHandler();
        fxThread.setUncaughtExceptionHandler(new ErrorBoundary(() -> main));
        stage.setScene(new Scene(main.root(), 600, 400));
        stage.show();
    }

    @AfterEach
    void restoreHandler() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fxThread.setUncaughtExceptionHandler(previous)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aThrowingScreenShowsTheErrorPanelAndReloadsOnRequest(FxRobot robot) throws Exception {
        robot.clickOn("#bug");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#error-panel").tryQuery().isPresent());
        assertThat(robot.lookup("#error-panel .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Something went wrong on the Dashboard screen.",
                        "IllegalStateException: list index out of range");
        assertThat(robot.lookup("#bug").tryQuery()).isEmpty();

        robot.clickOn("History");
        assertThat(robot.lookup("#fine").queryAs(Label.class).isVisible()).as("another screen still works").isTrue();
        robot.clickOn("Dashboard");

        robot.clickOn("#reload-view");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#bug").tryQuery().isPresent());
        assertThat(robot.lookup("#error-panel").tryQuery()).isEmpty();
        assertThat(robot.lookup("#broken-build").queryAs(Label.class).getText()).isEqualTo("build 2");
    }
}
