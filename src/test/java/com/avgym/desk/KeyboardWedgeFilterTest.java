package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window-level scanner filter in a real scene, timed by a fake clock: key gaps as the soak run measured them
 * (a busy UI thread holding one key of a burst back ~100 ms) must not lose or cut a scan, wherever the focus is.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class KeyboardWedgeFilterTest {
    private static final long MS = 1_000_000L;
    private final List<String> scans = new CopyOnWriteArrayList<>();
    private TextField field;
    private TextField scannerField;
    private DatePicker date;
    private Button button;
    private final List<String> fieldActions = new CopyOnWriteArrayList<>();
    private long now = 1_000 * MS;

    @Start
    void start(Stage stage) {
        // Made here, on the UI thread once the toolkit runs: a control class touched before that fails to load.
        field = new TextField();
        scannerField = new TextField();
        KeyboardWedgeFilter.markScannerField(scannerField);
        date = new DatePicker();
        button = new Button("Check out");
        field.setOnAction(e -> fieldActions.add(field.getText()));
        Scene scene = new Scene(new VBox(8, field, scannerField, date, button), 300, 200);
        KeyboardWedgeFilter.install(scene, () -> true, scans::add, () -> now);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aBurstHeldBackByABusyUiThreadIsStillOneScanOnAButton(FxRobot robot) {
        robot.interact(button::requestFocus);
        robot.interact(() -> {
            type("m", 5);
            type("0", 80); // waited 80 ms behind a layout pass; the keys queued behind it follow at once
            type("011", 1);
            enter(1);
        });
        assertThat(scans).containsExactly("m0011");
    }

    @Test
    void aBurstHeldBackInTheFieldIsTakenBackOutAndSentWhole(FxRobot robot) {
        robot.interact(field::requestFocus);
        robot.interact(() -> {
            type("m00", 8);
            type("1", 104);
            type("2", 1);
            enter(3);
        });
        assertThat(scans).containsExactly("m0012");
        assertThat(field.getText()).as("the scanned code is taken back out of the field").isEmpty();
        assertThat(fieldActions).as("the Enter was the scan's, not the field's").isEmpty();
    }

    @Test
    void slowTypingInTheFieldKeepsItsTextAndItsEnter(FxRobot robot) {
        robot.interact(field::requestFocus);
        robot.interact(() -> {
            type("m0013", 180);
            enter(180);
        });
        assertThat(scans).isEmpty();
        assertThat(fieldActions).containsExactly("m0013");
    }

    @Test
    void slowTypingWhileTheFocusIsOnAButtonIsAScan(FxRobot robot) {
        robot.interact(button::requestFocus);
        robot.interact(() -> {
            type("m0014", 400);
            enter(400);
        });
        assertThat(scans).containsExactly("m0014");
    }

    /** The soak run under load: the UI thread held the keys after the first back 300 ms and sent "0012". */
    @Test
    void aStallAfterTheFirstKeyInTheScannerFieldStillSendsTheWholeNumber(FxRobot robot) {
        robot.interact(scannerField::requestFocus);
        robot.interact(() -> {
            type("m", 5);
            type("0", 300);
            type("012", 1);
            enter(1);
        });
        assertThat(scans).containsExactly("m0012");
        assertThat(scannerField.getText()).isEmpty();
    }

    @Test
    void aStallAfterTheFirstKeyInAnotherFieldIsStillOneScanTakenBackOut(FxRobot robot) {
        robot.interact(field::requestFocus);
        robot.interact(() -> {
            type("m", 5);
            type("0", 300);
            type("012", 1);
            enter(1);
        });
        assertThat(scans).containsExactly("m0012");
        assertThat(field.getText()).isEmpty();
        assertThat(fieldActions).isEmpty();
    }

    @Test
    void typingThenAnAmbiguousKeyBeforeABurstSendsNothingAndLeavesTheKeysAndTheEnterToTheField(FxRobot robot) {
        robot.interact(field::requestFocus);
        robot.interact(() -> {
            type("sm", 150);
            type("m", 150);
            type("0", 300);
            type("012", 1);
            enter(1);
        });
        assertThat(scans).as("neither 0012 nor smm0012").isEmpty();
        assertThat(field.getText()).isEqualTo("smm0012");
        assertThat(fieldActions).containsExactly("smm0012");
    }

    /** The date picker types into its inner editor by firing a copy of each key at it: counted once. */
    @Test
    void aBurstInADatePickerIsReadOnceAndLeavesItsEditorAlone(FxRobot robot) {
        robot.interact(date::requestFocus);
        robot.interact(() -> {
            type("m0029", 5);
            enter(1);
        });
        assertThat(scans).containsExactly("m0029");
        assertThat(date.getEditor().getText()).isEmpty();
        assertThat(date.getValue()).isNull();
    }

    /** Each character {@code gapMs} after the previous key, sent to the focus owner as the window would. */
    private void type(String text, long gapMs) {
        for (char c : text.toCharArray()) {
            now += gapMs * MS;
            fire(new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(c), "", KeyCode.UNDEFINED, false, false, false, false));
        }
    }

    private void enter(long gapMs) {
        now += gapMs * MS;
        fire(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
    }

    private void fire(KeyEvent e) {
        Node target = field.getScene().getFocusOwner();
        assertThat(target).as("the control under test has the focus").isNotNull();
        Event.fireEvent(target, e);
    }
}
