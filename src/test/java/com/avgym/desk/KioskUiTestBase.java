package com.avgym.desk;

import com.avgym.desk.viewmodel.ManualDelay;
import com.avgym.client.ConnectionService;
import com.avgym.client.HttpBackendApi;
import com.avgym.client.StaffPasswordCheck;
import com.avgym.client.support.ClientFixture;
import com.avgym.desk.support.Screenshots;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the kiosk's UI tests share: a real server per test (some stop it or deactivate the device account), the
 * kiosk with a real connection service and its timers on a {@link ManualDelay}, the device sign-in, and
 * screenshots. The device account is the demo data's kiosk user (role kiosk).
 */
abstract class KioskUiTestBase {
    static final long WAIT_S = 30;
    static final String DEVICE_USER = "kiosk";
    static final String GYM_NAME = "Riverside Gym";
    final ManualDelay delay = new ManualDelay();
    TestServer server;
    ConnectionService service;
    Stage stage;
    Path dataDir;
    private KioskApp app;
    private final ExecutorService checks = Executors.newSingleThreadExecutor();

    void startKiosk(Stage stage) throws Exception {
        System.setProperty("testfx.robot", "glass");
        this.stage = stage;
        server = ClientFixture.startServer(UnaryOperator.identity());
        dataDir = Files.createTempDirectory("avgym-kiosk-test");
        openKiosk();
    }

    /** A kiosk process on {@link #dataDir}: a new connection service (queue and device session there) and window. */
    private void openKiosk() throws Exception {
        URI base = URI.create(server.server().baseUrl());
        // Sign-in runs the real password hash on a machine busy with other work: generous timeouts. The kiosk's
        // profile, as DeskLauncher.runKiosk sets it: no live data, the device session kept in the data dir.
        service = ConnectionService.create(ClientFixture.config(base, dataDir.resolve("desk-queue.db"))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)).withLiveData(false)
                .withSessionFile(sessionFile()));
        DeskContext desk = new DeskContext(service, base, false, null, "Kiosk", ZoneId.systemDefault(), Duration.ofSeconds(1));
        StaffPasswordCheck check = new StaffPasswordCheck(new HttpBackendApi(base, Duration.ofSeconds(10)), checks);
        app = new KioskApp(new KioskContext(desk, GYM_NAME, delay, check, true));
        app.start(stage);
    }

    Path sessionFile() {
        return dataDir.resolve(DeskLauncher.KIOSK_SESSION_FILE);
    }

    /** The kiosk is closed (its service too, off the UI thread) and started again on the same data dir. */
    void restartKiosk(FxRobot robot) {
        restartKiosk(robot, () -> { });
    }

    /** As {@link #restartKiosk(FxRobot)}, doing {@code whileOff} while the kiosk is switched off. */
    void restartKiosk(FxRobot robot, Runnable whileOff) {
        robot.interact(app::stop);
        service.close();
        whileOff.run();
        robot.interact(() -> {
            try {
                openKiosk();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stopAll() {
        if (service != null) {
            service.close();
        }
        if (server != null) {
            server.close();
        }
        checks.shutdownNow();
    }

    /**
     * The device sign-in staff do on the first start (and after "Out of service"), finished with Enter as staff do:
     * a hidden dialog's default button once took Enter from it.
     */
    static void signInDevice(FxRobot robot) throws TimeoutException {
        robot.doubleClickOn("#username").eraseText(12).write(DEVICE_USER);
        robot.clickOn("#password").write(TestServer.PASSWORD).type(javafx.scene.input.KeyCode.ENTER);
        // The kiosk screen lies under the staff layer all along: signed in is when that layer is gone.
        waitFor(() -> !visible(robot, "#kiosk-staff") && visible(robot, "#kiosk-prompt"));
    }

    /** A barcode scan: the scanner types the number and Enter into the window. */
    static void scan(FxRobot robot, String number) {
        robot.write(number).type(javafx.scene.input.KeyCode.ENTER);
    }

    static boolean visible(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(KioskUiTestBase::shown).orElse(false);
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    static Label label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, condition);
    }

    void advance(FxRobot robot, Duration by) {
        robot.interact(() -> delay.advance(by));
    }

    /** The whole window as target/screens/NAME.png; copies go to docs/screens/. */
    void screenshot(String name) {
        Screenshots.save(stage.getScene(), name);
    }
}
