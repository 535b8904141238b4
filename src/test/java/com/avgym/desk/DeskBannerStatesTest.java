package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ConnectionService;
import com.avgym.client.ErrorClass;
import com.avgym.client.support.ClientFixture;
import com.avgym.client.support.TcpProxy;
import com.avgym.desk.support.Screenshots;
import com.avgym.server.ServerConfig;
import com.avgym.server.support.MutableClock;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import javafx.scene.Scene;
import javafx.scene.control.Button;
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
 * Every banner state, reached through real faults between the real connection service and a real server:
 * a TCP proxy that pauses, refuses WebSocket upgrades or cuts everything; the server drained and restarted;
 * the session outliving its refresh token. Writes a screenshot per state to {@code target/screens/}.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class DeskBannerStatesTest {
    private static final long WAIT_S = 30;
    private static final Duration POLL = Duration.ofSeconds(1);

    private final MutableClock serverClock = new MutableClock(Instant.now());
    private TestServer server;
    private TcpProxy proxy;
    private ConnectionService service;
    private Scene scene;

    private ServerConfig serverConfig(ServerConfig c) {
        return c.withClock(serverClock, ZoneId.systemDefault());
    }

    @Start
    void start(Stage stage) throws Exception {
        server = ClientFixture.startServer(this::serverConfig);
        proxy = new TcpProxy(server.server().port());
        Path queue = Files.createTempDirectory("avgym-desk-banner").resolve("desk-queue.db");
        // Sign-in runs the real password hash on a machine busy with the rest of the suite: generous timeouts.
        service = ConnectionService.create(ClientFixture.config(proxy.baseUri(), queue).withPollInterval(POLL)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)));
        new DeskApp(new DeskContext(service, proxy.baseUri(), false, null, "Front desk", ZoneId.systemDefault(), POLL))
                .start(stage);
        scene = stage.getScene();
    }

    @AfterEach
    void stop() {
        service.close();
        proxy.close();
        server.close();
    }

    @Test
    void theBannerFollowsPauseBackupOfflineAndRestartAndAQueuedScanSyncs(FxRobot robot) throws Exception {
        signIn(robot);
        Label banner = banner(robot);
        awaitText(banner, "Live");
        screens(robot, "banner-live");
        List<String> seen = new CopyOnWriteArrayList<>();
        robot.interact(() -> banner.textProperty().addListener((o, was, now) -> seen.add(now)));

        // Paused: bytes stop moving, no close arrives; the heartbeat notices.
        proxy.pause();
        // "Reconnecting now (attempt 1)" first, then, once the held handshake times out, the countdown.
        waitFor(() -> banner.getText().matches("Connection lost\\. Reconnecting in \\d+ s \\(attempt \\d+\\)")
                && action(robot).getText().equals("Retry now"));
        screens(robot, "banner-reconnecting");
        proxy.resume();
        awaitText(banner, "Live");

        // Sockets refused while REST works: backup mode, polling.
        proxy.refuseWebSockets(true);
        proxy.dropConnections();
        waitFor(() -> banner.getText().equals("Backup mode: updates every 1 s")
                && action(robot).getText().equals("Try real-time"));
        screens(robot, "banner-backup");
        proxy.refuseWebSockets(false);
        robot.clickOn("#banner-action");
        awaitText(banner, "Live");

        // Everything cut: offline; a scan is queued (and decided from the member list synced on sign-in), then
        // synced once the network is back.
        waitFor(this::rosterSynced);
        proxy.cutAll();
        waitFor(() -> banner.getText().startsWith("Offline: "));
        robot.clickOn("#scanner-field").write("M0003").type(KeyCode.ENTER);
        Label result = robot.lookup("#scan-result").queryAs(Label.class);
        awaitOfflineAdmit(result);
        // The count of waiting scans, then when the next attempt is, with a button to skip the wait.
        waitFor(() -> banner.getText().matches("Offline: 1 check-in waiting to sync \u00b7 next try in \\d+ s")
                && action(robot).getText().equals("Retry now"));
        screens(robot, "banner-offline");
        proxy.restore();
        awaitText(banner, "Live");
        String name = server.rest().get("/api/members/by-number/M0003", server.login("admin").access()).body()
                .path("fullName").asText();
        awaitText(result, "Synced: Checked in: " + name);
        assertThat(result.getStyleClass()).contains("result-success");
        Screenshots.save(scene, "desk-synced");

        // A graceful restart: the server drains (1012), comes back on the same port, the desk is live again.
        int port = server.server().port();
        Path data = server.dataDir();
        server.server().stop();
        waitFor(() -> banner.getText().startsWith("Connection lost") || banner.getText().startsWith("Offline"));
        server.close();
        server = ClientFixture.restart(data, port, this::serverConfig);
        awaitText(banner, "Live");
        assertThat(service.counters().failuresByClass()).containsKey(ErrorClass.RESTART);

        assertThat(seen).contains("Live").allSatisfy(t -> assertThat(t).isNotBlank());
        assertThat(seen.stream().filter(t -> !t.equals("Live")))
                .as("every non-live wording seen").allMatch(t -> t.startsWith("Connection lost")
                        || t.startsWith("Backup mode") || t.startsWith("Offline") || t.startsWith("Connecting..."));
    }

    @Test
    void anExpiredSessionAsksToSignInAgainAndKeepsTheQueuedScan(FxRobot robot) throws Exception {
        signIn(robot);
        Label banner = banner(robot);
        awaitText(banner, "Live");

        // The desk is cut off longer than its refresh token lives (server clock moves 13 h; TTL is 12 h).
        waitFor(this::rosterSynced);
        proxy.cutAll();
        waitFor(() -> banner.getText().startsWith("Offline: "));
        robot.clickOn("#scanner-field").write("M0004").type(KeyCode.ENTER);
        Label result = robot.lookup("#scan-result").queryAs(Label.class);
        awaitOfflineAdmit(result);
        serverClock.advance(Duration.ofHours(13));
        proxy.restore();

        waitFor(() -> banner.getText().equals("Session expired: sign in to sync 1 waiting check-in")
                && action(robot).getText().equals("Sign in"));
        // The card of the scanned member came from the member list while offline; the server is up now, the
        // session is not: the card keeps the list's answer and never says the server is unreachable.
        Label card = robot.lookup("#card-presence").queryAs(Label.class);
        waitFor(() -> card.getText().startsWith("From the member list of "));
        robot.clickOn("#banner-details-toggle");
        assertThat(robot.lookup("#banner-details").queryAs(Label.class).getText())
                .contains("State: AUTH_REQUIRED", "HTTP status: 401", "Retryable: no", "Waiting to sync: 1");
        screens(robot, "banner-auth-required");
        assertThat(server.rest().get("/api/members/by-number/M0004", server.login("admin").access()).body()
                .path("openCheckInId").isNull()).as("nothing reached the server yet").isTrue();

        robot.clickOn("#banner-action");
        signIn(robot);
        awaitText(banner, "Live");
        waitFor(() -> result.getText().startsWith("Synced: Checked in: "));
        assertThat(server.rest().get("/api/members/by-number/M0004", server.login("admin").access()).body()
                .path("openCheckInId").isTextual()).as("the kept scan reached the server").isTrue();
    }

    /** The three screens under the banner as it is now: {@code NAME-check-in.png}, {@code -dashboard}, {@code -history}. */
    private void screens(FxRobot robot, String name) {
        for (String tab : List.of("check-in", "dashboard", "history")) {
            robot.clickOn("#tab-" + tab);
            Screenshots.save(scene, name + "-" + tab);
        }
        robot.clickOn("#tab-check-in");
    }

    private static void signIn(FxRobot robot) {
        robot.clickOn("#password").write(TestServer.PASSWORD);
        robot.clickOn("#sign-in");
    }

    private static Label banner(FxRobot robot) {
        return robot.lookup("#banner-text").queryAs(Label.class);
    }

    private static Button action(FxRobot robot) {
        return robot.lookup("#banner-action").queryButton();
    }

    private boolean rosterSynced() {
        try {
            return service.roster().state().synced();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A queued scan of an active member, decided from the member list: the panel's advice says so. */
    private static void awaitOfflineAdmit(Label result) throws TimeoutException {
        waitFor(() -> result.getText().matches("Offline check, member list from \\d\\d:\\d\\d: membership active, let in"));
    }

    private static void awaitText(Label label, String text) throws TimeoutException {
        try {
            waitFor(() -> text.equals(label.getText()));
        } catch (TimeoutException e) {
            throw new TimeoutException("waited for \"" + text + "\", label says \"" + label.getText() + "\"");
        }
    }

    /** Evaluated on the UI thread, so a banner half-way through one update (text set, button not yet) never counts. */
    private static void waitFor(java.util.function.BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> onUiThread(condition));
    }

    private static boolean onUiThread(java.util.function.BooleanSupplier condition) throws Exception {
        return WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(WAIT_S, TimeUnit.SECONDS);
    }
}
