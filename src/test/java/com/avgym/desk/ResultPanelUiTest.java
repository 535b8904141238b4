package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.desk.viewmodel.HistoryRow;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
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

/**
 * The check-in tab's result panel after real scans against a real server: what it shows, replacement by the next
 * scan, the fade, "Let in anyway" with and without a reason (the server's visit carries it), and the mute toggle.
 * Screenshots of each state go to target/screens/result-*.png.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class ResultPanelUiTest extends DeskUiTestBase {
    private static final String PREFS = "/com/avgym/desk-test-" + ProcessHandle.current().pid();

    @BeforeAll
    static void privatePreferences() {
        System.setProperty(SoundSetting.NODE_PROPERTY, PREFS);
    }

    @AfterAll
    static void dropPreferences() throws BackingStoreException {
        Preferences.userRoot().node(PREFS).removeNode();
        System.clearProperty(SoundSetting.NODE_PROPERTY);
    }

    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    private static void scan(FxRobot robot, String number) {
        robot.clickOn("#scanner-field").write(number).type(KeyCode.ENTER);
    }

    private static Node panel(FxRobot robot) {
        return robot.lookup("#result-panel").query();
    }

    private static void awaitTone(FxRobot robot, String tone) throws Exception {
        waitFor(() -> panel(robot).getStyleClass().contains("panel-" + tone));
    }

    @Test
    void aRealScanShowsNameNumberTimeAndIsReplacedByTheNextThenFades(FxRobot robot) throws Exception {
        signIn(robot);
        String name = memberName("M0001");

        scan(robot, "M0001");
        awaitTone(robot, "admitted");
        assertThat(label(robot, "#result-headline").getText()).isEqualTo("Checked in");
        assertThat(label(robot, "#result-name").getText()).isEqualTo(name);
        assertThat(label(robot, "#result-initials").getText()).hasSize(2).isUpperCase();
        // The demo member's photo (its avatar) follows once the card has loaded the member; then it hides the initials.
        waitFor(() -> resultPhoto(robot).getImage() != null);
        assertThat(label(robot, "#result-initials").isVisible()).as("the photo replaces the initials").isFalse();
        assertThat(label(robot, "#result-number").getText()).isEqualTo("Number read: M0001");
        assertThat(label(robot, "#result-time").getText()).matches("Answered \\d\\d:\\d\\d:\\d\\d");
        assertThat(label(robot, "#scan-result").getText()).isEqualTo("Welcome: let them in");
        assertThat(robot.lookup("#let-in").queryButton().isVisible()).isFalse();
        screenshot("result-admitted");

        scan(robot, "M0099");
        awaitTone(robot, "refused");
        assertThat(robot.lookup("#result-panel").queryAll()).as("replaced, never stacked").hasSize(1);
        assertThat(label(robot, "#result-headline").getText()).isEqualTo("Member not found");
        assertThat(label(robot, "#result-name").isVisible()).as("no name left from the previous member").isFalse();
        assertThat(label(robot, "#scan-result").getText()).startsWith("No member with number M0099 (as read)");
        assertThat(label(robot, "#result-number").getText()).isEqualTo("Number read: M0099");
        assertThat(resultPhoto(robot).getImage()).as("no photo left from the previous member").isNull();
        screenshot("result-not-found");

        checkInElsewhere("M0003");
        scan(robot, "M0003");
        awaitTone(robot, "notice");
        assertThat(label(robot, "#result-headline").getText()).isEqualTo("Already checked in");
        assertThat(label(robot, "#result-name").getText()).isEqualTo(memberName("M0003"));
        assertThat(label(robot, "#scan-result").getText()).endsWith("at Side door: check out or let them be");
        screenshot("result-already-in");

        // The fade runs on the JavaFX clock (10 s); the deadline is the test's only wait.
        waitFor(() -> panel(robot).getStyleClass().contains("result-faded"));
        assertThat(panel(robot).getStyleClass()).contains("panel-notice");
        assertThat(label(robot, "#result-headline").getText()).as("the words stay").isEqualTo("Already checked in");
        Node colour = robot.lookup(".result-colour").query();
        waitFor(() -> colour.getOpacity() == 0.0);
        screenshot("result-faded");
        checkOutElsewhere("M0001");
        checkOutElsewhere("M0003");
    }

    @Test
    void letInAnywayNeedsAReasonAndTheServersVisitCarriesIt(FxRobot robot) throws Exception {
        signIn(robot);
        String name = memberName("M0049");

        scan(robot, "M0049");
        awaitTone(robot, "refused");
        assertThat(label(robot, "#result-headline").getText()).isEqualTo("Membership expired");
        assertThat(label(robot, "#result-name").getText()).isEqualTo(name);
        assertThat(label(robot, "#scan-result").getText()).matches("Membership expired on .+: renew or override");
        screenshot("result-expired");

        // Without a reason nothing can be sent: OK stays disabled, also for "Other" with nothing typed.
        robot.clickOn("#let-in");
        waitFor(() -> robot.lookup("#override-dialog").tryQuery().isPresent());
        Button ok = robot.lookup("#override-ok").queryButton();
        assertThat(ok.isDisabled()).isTrue();
        robot.clickOn("#reason-other");
        assertThat(ok.isDisabled()).isTrue();
        robot.clickOn("#reason-text").write("   ");
        assertThat(ok.isDisabled()).isTrue();
        com.avgym.desk.support.Screenshots.save(ok.getScene(), "result-override-dialog");
        robot.clickOn("#override-cancel");
        assertThat(openVisit("M0049")).as("cancelled without a reason: no visit").isNull();

        robot.clickOn("#let-in");
        waitFor(() -> robot.lookup("#override-dialog").tryQuery().isPresent());
        robot.clickOn("#reason-renewing-today");
        assertThat(robot.lookup("#override-ok").queryButton().isDisabled()).isFalse();
        robot.clickOn("#override-ok");

        awaitTone(robot, "admitted");
        assertThat(label(robot, "#result-name").getText()).isEqualTo(name);
        assertThat(label(robot, "#scan-result").getText()).isEqualTo("Let in anyway (Renewing today)");
        screenshot("result-override");
        JsonNode visit = openVisit("M0049");
        assertThat(visit).as("the server has the visit").isNotNull();
        assertThat(visit.path("override").path("reason").asText()).isEqualTo("Renewing today");
        assertThat(visit.path("override").path("by").asText()).isEqualTo("desk");

        robot.clickOn("#tab-history");
        @SuppressWarnings("unchecked")
        TableView<HistoryRow> table = robot.lookup("#history-table").queryAs(TableView.class);
        waitFor(() -> table.getItems().stream().anyMatch(r -> "M0049".equals(r.number())
                && "let in anyway: Renewing today (desk)".equals(r.autoClosed())));
        checkOutElsewhere("M0049");
    }

    @Test
    void theSoundToggleIsRememberedAndScansStillAnswerWithoutAnAudioDevice(FxRobot robot) throws Exception {
        signIn(robot);
        ToggleButton sound = robot.lookup("#sound-toggle").queryAs(ToggleButton.class);
        assertThat(sound.getText()).isEqualTo("Sound on");

        robot.clickOn(sound);
        assertThat(sound.getText()).isEqualTo("Sound off");
        assertThat(SoundSetting.forThisUser().muted()).as("kept for the next start").isTrue();
        robot.clickOn(sound);
        assertThat(SoundSetting.forThisUser().muted()).isFalse();

        // Under Xvfb there may be no audio device: playing must neither throw into the UI nor hold it up.
        scan(robot, "M0007");
        awaitTone(robot, "admitted");
        assertThat(robot.lookup("#scanner-field").tryQuery()).as("the tab was not replaced by an error panel").isPresent();
        checkOutElsewhere("M0007");
    }

    /** The member's open visit from the server's history, or null. */
    private static JsonNode openVisit(String number) {
        JsonNode results = server.rest().get("/api/checkins/history/?status=in&q=" + number, token).body().path("results");
        for (JsonNode v : results) {
            if (number.equals(v.path("membershipNumber").asText())) {
                return v;
            }
        }
        return null;
    }

    private static javafx.scene.image.ImageView resultPhoto(FxRobot robot) {
        return robot.lookup("#result-photo").queryAs(javafx.scene.image.ImageView.class);
    }
}
