package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.TimeoutException;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A keyboard-wedge burst against the real desk and server, with the focus in the controls that are not the
 * scanner field: History's "From" date picker, an editable combo box and the member search box. Each time the
 * server gets exactly the scanned number once, and the focused control is left as it was: the scan was read
 * as a scan and never typed into it. (A date picker and an editable combo box fire a copy of every key at their
 * inner text field; the window-level filter read each character twice, "M0031" as "MM00003311".)
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class DeskWedgeFocusTest extends DeskUiTestBase {

    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Test
    void aBurstWithTheFocusInHistorysFromDateIsOneScanAndLeavesTheDateAlone(FxRobot robot) throws TimeoutException {
        signIn(robot);
        robot.clickOn("#tab-history");
        DatePicker from = robot.lookup("#history-from").queryAs(DatePicker.class);
        LocalDate day = LocalDate.now(GYM).minusDays(3);
        robot.interact(() -> from.setValue(day));
        robot.clickOn(from.getEditor());
        waitFor(from::isFocused);
        String dateText = from.getEditor().getText();
        long before = visits("");

        burst(robot, "M0031");

        awaitCheckedIn(robot, "M0031", before);
        assertThat(from.getEditor().getText()).as("nothing typed into the date field").isEqualTo(dateText);
        assertThat(from.getValue()).as("the Enter did not commit anything").isEqualTo(day);
    }

    @Test
    void aBurstWithTheFocusInAnEditableComboBoxIsOneScanAndLeavesItsTextAlone(FxRobot robot) throws TimeoutException {
        signIn(robot);
        // The desk has no combo box of its own yet (the override reasons will be one): one is put in the check-in
        // tab of the running app, under the same window filter as every other control.
        ComboBox<String> reasons = new ComboBox<>();
        robot.interact(() -> {
            reasons.getItems().addAll("Paid at the desk", "Card at home");
            reasons.setEditable(true);
            reasons.setId("test-combo");
            ((Pane) robot.lookup("#member-search").query().getParent()).getChildren().add(reasons);
            reasons.getEditor().setText("Card");
        });
        robot.clickOn(reasons.getEditor());
        waitFor(reasons::isFocused);
        long before = visits("");

        burst(robot, "M0032");

        awaitCheckedIn(robot, "M0032", before);
        assertThat(reasons.getEditor().getText()).isEqualTo("Card");
        assertThat(reasons.getValue()).as("the Enter did not commit the editor's text").isNull();
    }

    @Test
    void aBurstIntoTheMemberSearchBoxIsOneScanAndLeavesWhatWasTypedThere(FxRobot robot) throws TimeoutException {
        signIn(robot);
        TextField search = robot.lookup("#member-search").queryAs(TextField.class);
        robot.clickOn(search);
        robot.interact(() -> {
            search.setText("Smith");
            search.positionCaret(2); // the caret in the middle: the burst lands inside the text
        });
        waitFor(search::isFocused);
        long before = visits("");

        burst(robot, "M0033");

        awaitCheckedIn(robot, "M0033", before);
        assertThat(search.getText()).isEqualTo("Smith");
        assertThat(search.getCaretPosition()).isEqualTo(2);
    }

    /**
     * The keys as the window delivers a scanner's burst (pressed, typed, released each, then Enter), all in one
     * go on the UI thread: microseconds apart, as a wedge scanner sends them to a responsive window.
     */
    private void burst(FxRobot robot, String code) {
        robot.interact(() -> {
            Node target = stage.getScene().getFocusOwner();
            for (char c : code.toCharArray()) {
                KeyCode key = Character.isDigit(c) ? KeyCode.getKeyCode(String.valueOf(c)) : KeyCode.M;
                Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key, false, false, false, false));
                Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(c), "", KeyCode.UNDEFINED,
                        false, false, false, false));
                Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_RELEASED, "", "", key, false, false, false, false));
            }
            Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
            Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_TYPED, "\r", "", KeyCode.UNDEFINED, false, false, false, false));
            Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_RELEASED, "", "", KeyCode.ENTER, false, false, false, false));
        });
    }

    /** The scan's answer on the desk, and on the server exactly one more visit, this member's, open. */
    private static void awaitCheckedIn(FxRobot robot, String number, long visitsBefore) throws TimeoutException {
        Label result = robot.lookup("#scan-result").queryAs(Label.class);
        waitFor(() -> result.getStyleClass().contains("result-success") || result.getStyleClass().contains("result-error"));
        assertThat(robot.lookup("#result-headline").queryAs(Label.class).getText()).isEqualTo("Checked in");
        assertThat(robot.lookup("#result-name").queryAs(Label.class).getText()).isEqualTo(memberName(number));
        assertThat(visits("")).as("one visit more on the server").isEqualTo(visitsBefore + 1);
        assertThat(visits("&q=" + number)).as("and it is this member's").isEqualTo(1);
        assertThat(server.rest().get("/api/members/by-number/" + number, token).body().path("openCheckInId").isTextual())
                .isTrue();
    }

    private static long visits(String query) {
        return server.rest().get("/api/checkins/history?perPage=1" + query, token).body().path("total").asLong();
    }
}
