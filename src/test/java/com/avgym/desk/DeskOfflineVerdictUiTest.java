package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ClientConfig;
import com.avgym.client.ConnectionService;
import com.avgym.desk.support.Screenshots;
import com.avgym.protocol.message.RosterEntry;
import com.avgym.server.support.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
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
 * The desk with its server stopped (a real server, closed): scans are decided from the connection service's member
 * roster and the result panel says so with the list's age, in its own colours; the member card answers from the
 * list at once instead of "Loading...", and so does member search. The roster is the one the service synced
 * from the server on sign-in. Saves target/screens/result-offline-*.png.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class DeskOfflineVerdictUiTest {
    private static final long WAIT_S = 30;
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static TestServer server;
    private static ConnectionService service;
    private Stage stage;

    @BeforeAll
    static void startServer() throws Exception {
        System.setProperty("testfx.robot", "glass");
        server = TestServer.start();
        service = ConnectionService.create(ClientConfig.defaults(URI.create(server.server().baseUrl()),
                Files.createTempDirectory("avgym-desk-verdicts").resolve("desk-queue.db")));
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
        this.stage = stage;
        new DeskApp(new DeskContext(service, URI.create(server.server().baseUrl()), true, null, "Front desk", ZONE,
                Duration.ofSeconds(5))).start(stage);
    }

    @Test
    void scansWhileTheServerIsAwayAreDecidedFromTheMemberListAndSaySo(FxRobot robot) throws Exception {
        robot.clickOn("#password").write(TestServer.PASSWORD);
        robot.clickOn("#sign-in");
        Label banner = robot.lookup("#banner-text").queryAs(Label.class);
        waitFor(() -> "Live".equals(banner.getText()));
        // The member list as the service synced it on arrival in LIVE: one member of each kind from it.
        waitFor(() -> service.roster().state().synced());
        Instant listAsOf = service.roster().state().syncedAt();
        LocalDate today = LocalDate.now(ZONE);
        List<RosterEntry> all = service.roster().all();
        RosterEntry active = all.stream().filter(e -> "active".equals(e.status()) && e.membershipEnd() != null
                && !e.membershipEnd().isBefore(today)).findFirst().orElseThrow();
        RosterEntry ended = all.stream().filter(e -> "active".equals(e.status()) && e.membershipEnd() != null
                && e.membershipEnd().isBefore(today)).findFirst().orElseThrow();
        RosterEntry inactive = all.stream().filter(e -> "inactive".equals(e.status())).findFirst().orElseThrow();
        String age = DateTimeFormatter.ofPattern("HH:mm").format(listAsOf.atZone(ZONE));

        server.close();
        waitFor(() -> banner.getText().startsWith("Offline: "));

        scan(robot, active.number());
        awaitTone(robot, "offline_admitted");
        assertThat(text(robot, "#result-headline")).isEqualTo("Let in (offline check)");
        assertThat(text(robot, "#scan-result")).isEqualTo("Offline check, member list from " + age
                + ": membership active, let in");
        assertThat(text(robot, "#result-time")).endsWith(" · syncs when the server is back");
        waitFor(() -> text(robot, "#card-presence").equals("From the member list of " + age));
        assertThat(text(robot, "#card-name")).isEqualTo(active.name());
        Screenshots.save(stage.getScene(), "result-offline-admitted");

        scan(robot, ended.number());
        awaitTone(robot, "offline_refused");
        assertThat(text(robot, "#result-headline")).isEqualTo("Membership ended");
        assertThat(text(robot, "#scan-result")).endsWith(": membership ended");
        assertThat(robot.lookup("#let-in").queryButton().isVisible()).as("staff may still let in").isTrue();
        Screenshots.save(stage.getScene(), "result-offline-refused");

        scan(robot, inactive.number());
        awaitTone(robot, "offline_refused");
        waitFor(() -> text(robot, "#result-headline").equals("Account inactive"));

        scan(robot, "Z9999");
        waitFor(() -> text(robot, "#result-headline").equals("Not in the member list"));
        assertThat(text(robot, "#scan-result")).endsWith(": card not in the member list");
        waitFor(() -> text(robot, "#card-message").equals("Not in the member list of " + age));

        robot.clickOn("#member-search").write(active.name());
        waitFor(() -> text(robot, "#member-search-status").equals("From the member list of " + age));
        javafx.scene.control.ListView<?> suggestions = robot.lookup("#member-suggestions")
                .queryAs(javafx.scene.control.ListView.class);
        assertThat(WaitForAsyncUtils.asyncFx(() -> suggestions.getItems().size()).get()).isPositive();
    }

    private static void scan(FxRobot robot, String number) {
        robot.clickOn("#scanner-field").write(number).type(KeyCode.ENTER);
    }

    private static void awaitTone(FxRobot robot, String tone) throws TimeoutException {
        Node panel = robot.lookup("#result-panel").query();
        waitFor(() -> panel.getStyleClass().contains("panel-" + tone));
    }

    private static String text(FxRobot robot, String id) throws Exception {
        Label l = robot.lookup(id).queryAs(Label.class);
        return WaitForAsyncUtils.asyncFx(l::getText).get(WAIT_S, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, condition);
    }
}
